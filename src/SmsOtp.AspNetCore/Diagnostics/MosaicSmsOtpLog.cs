using Microsoft.Extensions.Logging;

namespace SmsOtp.AspNetCore.Diagnostics;

/// <summary>
/// The handler's log messages, with stable event ids (<see cref="MosaicSmsOtpLogEvents"/>, documented in docs/diagnostics.md). Phone numbers appear masked only;
/// codes, the <c>result</c> URI, tokens and secrets never appear.
/// </summary>
internal static partial class MosaicSmsOtpLog
{
    [LoggerMessage(MosaicSmsOtpLogEvents.CodeSent, LogLevel.Information, "An SMS code was sent to {MaskedPhoneNumber} (resend: {IsResend}).")]
    public static partial void CodeSent(ILogger logger, string maskedPhoneNumber, bool isResend);

    [LoggerMessage(MosaicSmsOtpLogEvents.UnknownUser, LogLevel.Information, "Mosaic's SMS send does not know {MaskedPhoneNumber} and sign-up is off ({MosaicSaid}); answering as if a code was sent, so that the answer does not reveal which numbers have accounts.")]
    public static partial void UnknownUser(ILogger logger, string maskedPhoneNumber, string mosaicSaid);

    [LoggerMessage(MosaicSmsOtpLogEvents.SendRefused, LogLevel.Warning, "Mosaic's SMS send refused the number {MaskedPhoneNumber}: {MosaicSaid}.")]
    public static partial void SendRefused(ILogger logger, string maskedPhoneNumber, string mosaicSaid);

    [LoggerMessage(MosaicSmsOtpLogEvents.CodeRefused, LogLevel.Information, "Mosaic's SMS code validation refused the code entered for {MaskedPhoneNumber}: {Failure} ({MosaicSaid}).")]
    public static partial void CodeRefused(ILogger logger, string maskedPhoneNumber, CodeValidationFailure failure, string mosaicSaid);

    [LoggerMessage(MosaicSmsOtpLogEvents.CodeAccepted, LogLevel.Information, "The code for {MaskedPhoneNumber} was accepted; sending the browser to Mosaic to finish the sign-in.")]
    public static partial void CodeAccepted(ILogger logger, string maskedPhoneNumber);

    [LoggerMessage(MosaicSmsOtpLogEvents.MosaicCallFailed, LogLevel.Warning, "Mosaic's {Operation} failed ({FailureKind}, {MosaicSaid}); the user was shown a temporary error.")]
    public static partial void MosaicCallFailed(ILogger logger, string operation, string failureKind, string mosaicSaid, Exception exception);

    [LoggerMessage(MosaicSmsOtpLogEvents.FlowCookieMissing, LogLevel.Warning, "The sign-in flow cookie '{CookieName}' did not come with the request to {Path}. Likely causes: the browser blocked it (SameSite, or a Secure cookie over plain HTTP: serve HTTPS, or behind a proxy call UseForwardedHeaders), it expired, or the link was opened in another browser.")]
    public static partial void FlowCookieMissing(ILogger logger, string cookieName, string path);

    [LoggerMessage(MosaicSmsOtpLogEvents.FlowCookieUnreadable, LogLevel.Warning, "The sign-in flow cookie '{CookieName}' could not be decrypted. Likely causes: the data-protection key ring is not shared between the app's instances (persist it to a shared store and use one application name), or the cookie was tampered with.")]
    public static partial void FlowCookieUnreadable(ILogger logger, string cookieName);

    [LoggerMessage(MosaicSmsOtpLogEvents.FlowExpired, LogLevel.Information, "The sign-in flow had expired; the user was asked to start again.")]
    public static partial void FlowExpired(ILogger logger);

    [LoggerMessage(MosaicSmsOtpLogEvents.CallbackError, LogLevel.Warning, "Mosaic sent the browser back with the error '{Error}'.")]
    public static partial void CallbackError(ILogger logger, string error);

    [LoggerMessage(MosaicSmsOtpLogEvents.IdTokenRefused, LogLevel.Warning, "The ID token was refused: {Reason}.")]
    public static partial void IdTokenRefused(ILogger logger, string reason);

    [LoggerMessage(MosaicSmsOtpLogEvents.SignedIn, LogLevel.Information, "The sign-in finished for Mosaic user {UserId}.")]
    public static partial void SignedIn(ILogger logger, string userId);

    [LoggerMessage(MosaicSmsOtpLogEvents.Throttled, LogLevel.Warning, "A request to {Path} was throttled ({Reason}); retry after {RetryAfterSeconds} s.")]
    public static partial void Throttled(ILogger logger, string path, string reason, double retryAfterSeconds);

    [LoggerMessage(MosaicSmsOtpLogEvents.GlobalBudgetExhausted, LogLevel.Error, "The global SMS budget is used up: no more codes are sent until {ResetsAt:O}. If this is not an attack (SMS pumping), raise MosaicSmsOtpOptions.Throttling.MaxSendsPerHour.")]
    public static partial void GlobalBudgetExhausted(ILogger logger, DateTimeOffset resetsAt);

    [LoggerMessage(MosaicSmsOtpLogEvents.RequestRefused, LogLevel.Warning, "A POST to {Path} was refused: {Reason}.")]
    public static partial void RequestRefused(ILogger logger, string path, string reason);

    [LoggerMessage(MosaicSmsOtpLogEvents.PhoneNumberRefused, LogLevel.Information, "A phone number was refused: {Error}.")]
    public static partial void PhoneNumberRefused(ILogger logger, string error);

    [LoggerMessage(MosaicSmsOtpLogEvents.SignInFailed, LogLevel.Warning, "The sign-in failed: {Reason}.")]
    public static partial void SignInFailed(ILogger logger, string reason);

    [LoggerMessage(MosaicSmsOtpLogEvents.ReturnUrlReplaced, LogLevel.Warning, "The challenge's return URL was not a local URL and was replaced by '/'.")]
    public static partial void ReturnUrlReplaced(ILogger logger);

    [LoggerMessage(MosaicSmsOtpLogEvents.MosaicRejectedRequest, LogLevel.Error, "Mosaic refused the {Operation} ({MosaicSaid}). Check the app's setup in Mosaic: the redirect URI registered exactly, SMS OTP enabled as a login method, the client id and secret, and any custom message or sender id.")]
    public static partial void MosaicRejectedRequest(ILogger logger, string operation, string mosaicSaid, Exception exception);

    [LoggerMessage(MosaicSmsOtpLogEvents.FlowCookieWouldBeDropped, LogLevel.Error, "A code was not sent: the phone page was opened over plain http://{Host}, where the browser drops the Secure flow cookie '{CookieName}', so the sign-in could not finish. Serve HTTPS; behind a TLS-terminating proxy use the https address and call UseForwardedHeaders() before UseAuthentication(); for local plain-HTTP testing only, set FlowCookie.SecurePolicy = SameAsRequest.")]
    public static partial void FlowCookieWouldBeDropped(ILogger logger, string host, string cookieName);

    [LoggerMessage(MosaicSmsOtpLogEvents.SignInNotReadBack, LogLevel.Warning, "A sign-in completed moments ago, yet {Path} challenged again. The session cookie of the sign-in scheme '{SignInScheme}' arrived and is valid, but this request was not authenticated with it. Likely causes: UseAuthentication() after UseAuthorization() (or missing), or the request authenticated with another scheme than '{SignInScheme}' (DefaultAuthenticateScheme, DefaultScheme, or the authorization policy's schemes). The person was shown 'sign-in not completed' instead of the phone page.")]
    public static partial void SignInNotReadBack(ILogger logger, string signInScheme, string path);

    [LoggerMessage(MosaicSmsOtpLogEvents.SignInNotStored, LogLevel.Warning, "A sign-in completed moments ago, yet {Path} challenged again and the session cookie of the sign-in scheme '{SignInScheme}' did not come back. Likely causes: the browser refused or dropped it (too large: keep claims and SaveTokens small; SameSite=Strict, or None without Secure; Secure over plain HTTP), a cookie Path or Domain that does not cover this page, or a second sign-in scheme: the callback signed in with '{SignInScheme}' while another scheme's cookie is read. The person was shown 'sign-in not completed' instead of the phone page.")]
    public static partial void SignInNotStored(ILogger logger, string signInScheme, string path);

    [LoggerMessage(MosaicSmsOtpLogEvents.ReturnUrlTooLarge, LogLevel.Warning, "The return URL would make the sign-in flow cookie too large (it is kept in the cookie) and was replaced by '/'.")]
    public static partial void ReturnUrlTooLarge(ILogger logger);

    [LoggerMessage(MosaicSmsOtpLogEvents.FlowTooLarge, LogLevel.Error, "The sign-in flow cookie would be too large even with '/' as its return URL: keep AuthenticationProperties.Items small when challenging the {Scheme} scheme. The sign-in was refused before any SMS was sent.")]
    public static partial void FlowTooLarge(ILogger logger, string scheme);

    [LoggerMessage(MosaicSmsOtpLogEvents.CallbackBeforeCodeAccepted, LogLevel.Warning, "A callback arrived for a sign-in whose code Mosaic has not accepted yet, so it cannot be this sign-in's end (a link from elsewhere); the sign-in in progress was kept and the browser sent back to the code page.")]
    public static partial void CallbackBeforeCodeAccepted(ILogger logger);

    
    [LoggerMessage(MosaicSmsOtpLogEvents.ThrottleStoreFailed, LogLevel.Error, "The throttle store failed: a step that needs it is refused with 503 (throttles fail closed), one that only settles keeps its charge.")]
    public static partial void ThrottleStoreFailed(ILogger logger, Exception exception);
}
