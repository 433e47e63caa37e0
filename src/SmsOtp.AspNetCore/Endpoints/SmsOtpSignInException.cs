using Microsoft.AspNetCore.Http;
using SmsOtp.AspNetCore.Flow;
using SmsOtp.AspNetCore.Mosaic;
using SmsOtp.AspNetCore.Pages;

namespace SmsOtp.AspNetCore.Endpoints;

/// <summary>
/// Why a sign-in stopped: a message for the log (<see cref="Exception.Message"/>, free of secrets), one for the user,
/// and the status to answer with. It reaches RemoteFailure handlers as <c>context.Failure</c>.
/// </summary>
internal sealed class SmsOtpSignInException(string logReason, string userMessage, int statusCode, TimeSpan? retryAfter = null, Exception? innerException = null)
    : Exception(logReason, innerException)
{
    public string UserMessage { get; } = userMessage;

    public int StatusCode { get; } = statusCode;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static SmsOtpSignInException FlowLost(SmsOtpFlowProblem problem) => new(
        problem switch
        {
            SmsOtpFlowProblem.Unreadable => "the sign-in flow cookie could not be decrypted",
            SmsOtpFlowProblem.Expired => "the sign-in flow had expired",
            SmsOtpFlowProblem.Missing => "the sign-in flow cookie was missing",
            _ => "the sign-in flow has no code yet",
        },
        SmsOtpMessages.StartAgain,
        StatusCodes.Status400BadRequest);

    /// <summary>The flow was already used to sign in (checklist B-40): a replayed copy of its cookie.</summary>
    public static SmsOtpSignInException FlowSpent() => new("the sign-in flow was already used", SmsOtpMessages.CodeAlreadyUsed, StatusCodes.Status400BadRequest);

    /// <summary>The throttle store could not be reached: fail closed, as for any unavailable dependency.</summary>
    public static SmsOtpSignInException StoreUnavailable(Exception failure) => new("the throttle store failed", SmsOtpMessages.Unavailable, StatusCodes.Status503ServiceUnavailable, TimeSpan.FromSeconds(30), failure);

    public static SmsOtpSignInException Unverified(string logReason)
        => new(logReason, SmsOtpMessages.Unverified, StatusCodes.Status400BadRequest);

    public static SmsOtpSignInException FromMosaic(MosaicApiException failure) => failure.Kind switch
    {
        MosaicFailureKind.RateLimited => new(failure.Message, SmsOtpMessages.UpstreamBusy, StatusCodes.Status429TooManyRequests, failure.RetryAfter ?? TimeSpan.FromSeconds(60), failure),
        MosaicFailureKind.InvalidResponse => new(failure.Message, SmsOtpMessages.BadUpstreamAnswer, StatusCodes.Status502BadGateway, null, failure),
        // invalid_grant: the code was used already, expired, or belongs to another redirect URI.
        MosaicFailureKind.Rejected when failure.Error?.Code == "invalid_grant" => new(failure.Message, SmsOtpMessages.CodeAlreadyUsed, StatusCodes.Status400BadRequest, null, failure),
        _ => new(failure.Message, SmsOtpMessages.Unavailable, StatusCodes.Status503ServiceUnavailable, TimeSpan.FromSeconds(30), failure),
    };
}
