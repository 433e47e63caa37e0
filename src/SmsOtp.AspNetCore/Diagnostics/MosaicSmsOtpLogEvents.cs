namespace SmsOtp.AspNetCore.Diagnostics;

/// <summary>
/// The event ids of <see cref="MosaicSmsOtpLog"/>, from 1001. The handler logs in its own category, which it shares
/// with the messages of the platform's <c>RemoteAuthenticationHandler</c>/<c>AuthenticationHandler</c> (ids 1 to 99):
/// ids from 1000 up cannot be mistaken for theirs. Stable: dashboards and alerts key on them (docs/diagnostics.md).
/// </summary>
internal static class MosaicSmsOtpLogEvents
{
    public const int CodeSent = 1001;
    public const int UnknownUser = 1002;
    public const int SendRefused = 1003;
    public const int CodeRefused = 1004;
    public const int CodeAccepted = 1005;
    public const int MosaicCallFailed = 1006;
    public const int FlowCookieMissing = 1007;
    public const int FlowCookieUnreadable = 1008;
    public const int FlowExpired = 1009;
    public const int CallbackError = 1010;
    public const int IdTokenRefused = 1011;
    public const int SignedIn = 1012;
    public const int Throttled = 1013;
    public const int GlobalBudgetExhausted = 1014;
    public const int RequestRefused = 1015;
    public const int PhoneNumberRefused = 1016;
    public const int SignInFailed = 1017;
    public const int ReturnUrlReplaced = 1018;
    public const int ThrottleStoreFailed = 1019;
    public const int MosaicRejectedRequest = 1020;
    public const int FlowCookieWouldBeDropped = 1021;
    public const int SignInNotReadBack = 1022;
    public const int SignInNotStored = 1023;
    public const int ReturnUrlTooLarge = 1024;
    public const int FlowTooLarge = 1025;
    public const int CallbackBeforeCodeAccepted = 1026;
}
