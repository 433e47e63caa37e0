namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// Default values of the Mosaic emulator.
/// </summary>
public static class MosaicEmulatorDefaults
{
    /// <summary>The issuer Mosaic uses for the US/global region: <c>https://userid.security</c>.</summary>
    public const string Issuer = "https://userid.security";
}
