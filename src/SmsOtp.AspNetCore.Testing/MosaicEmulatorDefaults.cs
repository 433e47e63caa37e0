namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// Default values of the Mosaic emulator.
/// </summary>
public static class MosaicEmulatorDefaults
{
    /// <summary>The issuer Mosaic uses for the US/global region: <c>https://userid.security</c>.</summary>
    public const string Issuer = "https://userid.security";

    /// <summary>The client id of the default client, used when no client is configured.</summary>
    public const string ClientId = "emulator-client-id";

    /// <summary>The client secret of the default client.</summary>
    public const string ClientSecret = "emulator-client-secret";

    /// <summary>The application id given to clients that do not set one.</summary>
    public const string AppId = "emulator-app-id";

    /// <summary>The application name given to clients that do not set one; it fills <c>{app}</c> in SMS texts.</summary>
    public const string AppName = "Emulator";

    /// <summary>The tenant id (<c>tid</c> claim) given to clients that do not set one.</summary>
    public const string TenantId = "emulator-tenant-id";

    /// <summary>The base address of the in-process emulator (<see cref="MosaicEmulator"/>).</summary>
    public const string BaseAddress = "https://mosaic.emulator.test/";
}
