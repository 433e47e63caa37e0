namespace SmsOtp.AspNetCore;

/// <summary>
/// Default values used by the Mosaic SMS OTP authentication handler.
/// </summary>
public static class MosaicSmsOtpDefaults
{
    /// <summary>The default authentication scheme name: <c>MosaicSmsOtp</c>.</summary>
    public const string AuthenticationScheme = "MosaicSmsOtp";

    /// <summary>The default display name: <c>SMS</c>.</summary>
    public static readonly string DisplayName = "SMS";

    /// <summary>
    /// The name of the <see cref="System.Net.Http.HttpClient"/> used for calls to Mosaic, as registered with
    /// <c>IHttpClientFactory</c>. Configure it (proxies, resilience handlers, test interception) with
    /// <c>services.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName)</c>.
    /// </summary>
    public const string BackchannelHttpClientName = "SmsOtp.AspNetCore.Mosaic";

    /// <summary>The default path of the phone-number page and challenge endpoint: <c>/signin-sms</c>.</summary>
    public const string SignInPath = "/signin-sms";

    /// <summary>The default path of the code page and validation endpoint: <c>/signin-sms/verify</c>.</summary>
    public const string VerifyPath = "/signin-sms/verify";

    /// <summary>The default path of the resend endpoint: <c>/signin-sms/resend</c>.</summary>
    public const string ResendPath = "/signin-sms/resend";

    /// <summary>The default callback path (Mosaic's <c>redirect_uri</c>): <c>/signin-sms/callback</c>.</summary>
    public const string CallbackPath = "/signin-sms/callback";

    /// <summary>
    /// The default name of the cookie that carries a sign-in flow: <c>__Host-SmsOtp.Flow</c>. The <c>__Host-</c> prefix
    /// keeps sibling subdomains from planting a flow; over plain HTTP (local development) the cookie goes without it.
    /// </summary>
    public const string FlowCookieName = "__Host-SmsOtp.Flow";

    /// <summary>The name and version of the package's <see cref="System.Diagnostics.Metrics.Meter"/> and <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string DiagnosticsName = "SmsOtp.AspNetCore";
}
