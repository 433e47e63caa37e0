using SmsOtp.AspNetCore.Flow;
using SmsOtp.AspNetCore.Mosaic;

namespace SmsOtp.AspNetCore.Responses;

/// <summary>
/// Why a sign-in stopped at the callback: a reason for the log (<see cref="Exception.Message"/>, free of secrets) and the
/// <see cref="SmsOtpFailure"/> to answer with. It reaches RemoteFailure handlers as <c>context.Failure</c>.
/// </summary>
internal sealed class SmsOtpSignInException(string logReason, SmsOtpFailure failure, Exception? innerException = null)
    : Exception(logReason, innerException)
{
    public SmsOtpFailure Failure { get; } = failure;

    public static SmsOtpSignInException FlowLost(SmsOtpFlowProblem problem) => new(
        problem switch
        {
            SmsOtpFlowProblem.Unreadable => "the sign-in flow cookie could not be decrypted",
            SmsOtpFlowProblem.Expired => "the sign-in flow had expired",
            SmsOtpFlowProblem.Missing => "the sign-in flow cookie was missing",
            _ => "the sign-in flow has no code yet",
        },
        SmsOtpFailures.FlowLost);

    /// <summary>The flow was already used to sign in (checklist B-40): a replayed copy of its cookie.</summary>
    public static SmsOtpSignInException FlowSpent() => new("the sign-in flow was already used", SmsOtpFailures.FlowSpent);

    /// <summary>The throttle store could not be reached: fail closed, as for any unavailable dependency.</summary>
    public static SmsOtpSignInException StoreUnavailable(Exception failure) => new("the throttle store failed", SmsOtpFailures.ThrottleStoreFailed, failure);

    public static SmsOtpSignInException Unverified(string logReason) => new(logReason, SmsOtpFailures.Unverified);

    public static SmsOtpSignInException FromMosaic(MosaicApiException failure) => new(failure.Message, SmsOtpFailures.FromMosaic(failure), failure);
}
