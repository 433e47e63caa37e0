namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// Where <c>AddMosaicEmulatorWhenNoTenant</c> and <c>MapMosaicEmulatorWhenNoTenant</c> look for a tenant and put the
/// embedded emulator.
/// </summary>
public static class MosaicEmulatorEmbeddedDefaults
{
    /// <summary>The configuration section the handler binds its own settings from: <c>Authentication:Schemes:MosaicSmsOtp</c>.</summary>
    public const string TenantSection = "Authentication:Schemes:" + MosaicSmsOtpDefaults.AuthenticationScheme;

    /// <summary>Where the embedded emulator is mapped, on the app's own port: <c>/mosaic</c>.</summary>
    public const string EmulatorPath = "/mosaic";

    /// <summary>The developer page listing the SMS the embedded emulator "sent": <c>/dev/sms</c>.</summary>
    public const string DevSmsPath = "/dev/sms";

    /// <summary>
    /// Optional: where the handler finds the embedded emulator. Unset, it is the app's own listening address plus
    /// <see cref="EmulatorPath"/>; set it where there is no socket (tests on a <c>TestServer</c>), e.g.
    /// <c>http://localhost/mosaic</c>.
    /// </summary>
    public const string EmulatorBaseUrlKey = "Mosaic:EmulatorBaseUrl";
}
