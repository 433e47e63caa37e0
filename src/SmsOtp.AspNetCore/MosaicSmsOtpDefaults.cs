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
}
