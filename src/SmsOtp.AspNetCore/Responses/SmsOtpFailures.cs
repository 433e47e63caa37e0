using Microsoft.AspNetCore.Http;
using SmsOtp.AspNetCore.Mosaic;
using SmsOtp.AspNetCore.Phone;
using SmsOtp.AspNetCore.Throttling;
using K = SmsOtp.AspNetCore.Text.SmsOtpMessageKeys;
using Page = SmsOtp.AspNetCore.Responses.SmsOtpFailurePage;

namespace SmsOtp.AspNetCore.Responses;

/// <summary>
/// Every way the handler refuses a request, in one place: which status, sentence, error code, wait and page each gets.
/// </summary>
internal static class SmsOtpFailures
{
    /// <summary>How long to wait when Mosaic or the throttle store is down: long enough not to hammer it.</summary>
    private static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>The wait when Mosaic answered 429 without a Retry-After.</summary>
    private static readonly TimeSpan UpstreamBusyRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>Mosaic refused to send to a number it was given: the number is not echoed back (it was valid).</summary>
    public static readonly SmsOtpFailure SendRefused = new(StatusCodes.Status400BadRequest, "send_refused", K.SendRefused, Page.Phone);

    public static readonly SmsOtpFailure CodeFormat = new(StatusCodes.Status400BadRequest, "invalid_code_format", K.CodeFormat, Page.Code);

    public static readonly SmsOtpFailure CodeWrong = new(StatusCodes.Status400BadRequest, "invalid_code", K.CodeWrong, Page.Code);

    public static readonly SmsOtpFailure CodeExpired = new(StatusCodes.Status400BadRequest, "expired_code", K.CodeExpired, Page.CodeWithResend);

    /// <summary>The flow cookie is missing, unreadable or expired, or has no code yet.</summary>
    public static readonly SmsOtpFailure FlowLost = new(StatusCodes.Status400BadRequest, "flow_expired", K.StartAgain, Page.Message, K.TitleStartAgain) { StartsOver = true };

    /// <summary>The callback could not prove the sign-in (an error from Mosaic, no code, a refused ID token).</summary>
    public static readonly SmsOtpFailure Unverified = new(StatusCodes.Status400BadRequest, "unverified", K.Unverified, Page.Message, K.TitleSignInNotCompleted);

    /// <summary>The flow was already used to sign in (checklist B-40): a replayed copy of its cookie.</summary>
    public static readonly SmsOtpFailure FlowSpent = new(StatusCodes.Status400BadRequest, "flow_spent", K.CodeAlreadyUsed, Page.Message, K.TitleStartAgain) { StartsOver = true };

    /// <summary>A shared throttle store (Redis, a database) is down or full: throttles fail closed.</summary>
    public static readonly SmsOtpFailure ThrottleStoreFailed = new(StatusCodes.Status503ServiceUnavailable, "mosaic_unavailable", K.Unavailable, Page.Message, K.TitleUnavailable) { RetryAfter = UnavailableRetryAfter };

    /// <summary>The phone page was opened over plain http on a non-loopback host: the Secure flow cookie would be dropped.</summary>
    public static readonly SmsOtpFailure InsecureOrigin = new(StatusCodes.Status400BadRequest, "insecure_origin", K.InsecureOrigin, Page.Message, K.TitleUnavailable);

    /// <summary><see cref="InsecureOrigin"/> in Development: the page names the fix.</summary>
    public static readonly SmsOtpFailure InsecureOriginInDevelopment = InsecureOrigin with { Message = new(K.InsecureOriginDevelopment) };

    /// <summary>Challenged again right after a completed callback: the session cookie was not stored or not read.</summary>
    public static readonly SmsOtpFailure SignInDidNotStick = new(StatusCodes.Status401Unauthorized, "sign_in_not_kept", K.SignInDidNotStick, Page.Message, K.TitleSignInNotCompleted);

    /// <summary>The flow cannot fit its cookie even with '/' as its return URL: the app's Items are too large (B-38); before any SMS.</summary>
    public static readonly SmsOtpFailure FlowTooLarge = new(StatusCodes.Status400BadRequest, "flow_too_large", K.BadUpstreamAnswer, Page.Message, K.TitleUnavailable);

    public static readonly SmsOtpFailure MethodNotAllowed = new(StatusCodes.Status405MethodNotAllowed, "method_not_allowed", K.MethodNotAllowed, Page.Message, K.TitleNotAllowed);

    /// <summary>The typed number was refused; the phone page shows it again with what to fix.</summary>
    public static SmsOtpFailure InvalidPhoneNumber(PhoneNumberError error)
        => new(StatusCodes.Status400BadRequest, "invalid_phone_number", K.For(error), Page.Phone);

    /// <summary>A POST failed <see cref="Requests.SmsOtpPostGuard"/> with <paramref name="statusCode"/>.</summary>
    public static SmsOtpFailure RequestRefused(int statusCode) => new(statusCode, "request_refused", statusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => K.FormTooLarge,
        StatusCodes.Status415UnsupportedMediaType => K.NotAForm,
        _ => K.ForeignOrExpiredForm,
    }, Page.Message);

    /// <summary>
    /// A phone form whose token was made for a start cookie that a newer challenge (another tab) has replaced: the phone
    /// page again, now bound to the cookie the browser holds, saying why. Nothing from the refused form is shown.
    /// </summary>
    public static readonly SmsOtpFailure PhoneFormReplaced = new(StatusCodes.Status400BadRequest, "request_refused", K.PhoneFormReplaced, Page.Phone);

    /// <summary>Mosaic refused a code.</summary>
    /// <param name="failure">Why.</param>
    /// <param name="lockout">How long the number stays locked (<see cref="MosaicSmsOtpCodePolicyOptions.LockoutDuration"/> at most).</param>
    public static SmsOtpFailure CodeRefused(CodeValidationFailure failure, TimeSpan lockout) => failure switch
    {
        CodeValidationFailure.ExpiredCode => CodeExpired,
        CodeValidationFailure.Locked => new(StatusCodes.Status429TooManyRequests, "locked", new(K.Locked, lockout), Page.Message, K.TitleTooManyAttempts) { RetryAfter = lockout },
        _ => CodeWrong,
    };

    /// <summary>A throttle refused the request.</summary>
    public static SmsOtpFailure Throttled(SmsOtpThrottleDecision decision)
    {
        var wait = decision.RetryAfter;
        var message = decision.Reason switch
        {
            SmsOtpThrottleReason.ResendCooldown => new(K.ResendCooldown, wait),
            // No wait: the flow has used its attempts for good (a new sign-in gets new ones).
            SmsOtpThrottleReason.TooManyAttempts => wait <= TimeSpan.Zero ? new(K.FlowSpent) : new(K.TooManyAttempts, wait),
            _ => new Text.SmsOtpMessage(K.TooManyCodes, wait),
        };
        // A resend inside the cooldown stays on the code page: the code already sent still works.
        var page = decision.Reason == SmsOtpThrottleReason.ResendCooldown ? Page.CodeNotice : Page.Message;
        return new(StatusCodes.Status429TooManyRequests, "throttled", message, page, K.TitlePleaseWait)
        {
            RetryAfter = wait > TimeSpan.Zero ? wait : null,
        };
    }

    /// <summary>
    /// A wrong code that used the last attempt: the page says so instead of "try again" (the next code would be refused
    /// by Mosaic's lock or the flow's limit), with the wrong code's status, so that every wrong code answers alike.
    /// </summary>
    /// <param name="lockedFor">How long the number is locked, or zero when only this flow has used its attempts.</param>
    public static SmsOtpFailure LastAttemptUsed(TimeSpan lockedFor) => CodeWrong with
    {
        Message = lockedFor > TimeSpan.Zero ? new(K.Locked, lockedFor) : new(K.FlowSpent),
        Page = Page.Message,
        Title = K.TitleTooManyAttempts,
    };

    /// <summary>A call to Mosaic failed.</summary>
    public static SmsOtpFailure FromMosaic(MosaicApiException failure) => failure.Kind switch
    {
        MosaicFailureKind.RateLimited => new(StatusCodes.Status429TooManyRequests, "mosaic_unavailable", K.UpstreamBusy, Page.Message, K.TitleUnavailable) { RetryAfter = failure.RetryAfter ?? UpstreamBusyRetryAfter },
        MosaicFailureKind.InvalidResponse => new(StatusCodes.Status502BadGateway, "mosaic_unavailable", K.BadUpstreamAnswer, Page.Message, K.TitleUnavailable),
        // invalid_grant: the code was used already, expired, or belongs to another redirect URI.
        MosaicFailureKind.Rejected when failure.Error?.Code == MosaicApiClient.InvalidGrant => new(StatusCodes.Status400BadRequest, "mosaic_unavailable", K.CodeAlreadyUsed, Page.Message, K.TitleUnavailable),
        _ => new(StatusCodes.Status503ServiceUnavailable, "mosaic_unavailable", K.Unavailable, Page.Message, K.TitleUnavailable) { RetryAfter = UnavailableRetryAfter },
    };
}
