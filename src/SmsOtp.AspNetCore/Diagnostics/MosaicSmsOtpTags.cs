namespace SmsOtp.AspNetCore.Diagnostics;

/// <summary>
/// The names of the tags on the package's metrics and spans. The platform's own (<c>aspnetcore.authentication.*</c>,
/// <c>error.type</c>) where they mean the same; <c>smsotp.*</c> for the rest. Never a phone number, code or token.
/// </summary>
internal static class MosaicSmsOtpTags
{
    /// <summary>The authentication scheme, as on the platform's <c>aspnetcore.authentication.*</c> metrics.</summary>
    public const string Scheme = "aspnetcore.authentication.scheme";

    /// <summary><c>success</c> or <c>failure</c>, as on the platform's <c>aspnetcore.authentication.*</c> metrics.</summary>
    public const string Result = "aspnetcore.authentication.result";

    /// <summary>Why it failed (OpenTelemetry's <c>error.type</c>): a short snake_case code; absent on success.</summary>
    public const string ErrorType = "error.type";

    /// <summary>The country calling code of the number (<c>1</c>, <c>44</c>, or <c>unknown</c>); never the number.</summary>
    public const string CountryCode = "smsotp.phone.country_code";

    /// <summary>Whether a sent code was a resend.</summary>
    public const string Resend = "smsotp.resend";

    /// <summary>Which throttle refused: <c>resend_cooldown</c>, <c>number_hourly_limit</c>, ...</summary>
    public const string ThrottleReason = "smsotp.throttle.reason";

    /// <summary>The Mosaic call: <c>send</c>, <c>validate</c>, <c>exchange</c>.</summary>
    public const string MosaicOperation = "smsotp.mosaic.operation";

    /// <summary>What Mosaic answered: <c>sent</c>, <c>user_not_found</c>, <c>succeeded</c>, <c>invalid_code</c>, <c>unavailable</c>, ...</summary>
    public const string MosaicResult = "smsotp.mosaic.result";

    public const string Success = "success";

    public const string Failure = "failure";
}
