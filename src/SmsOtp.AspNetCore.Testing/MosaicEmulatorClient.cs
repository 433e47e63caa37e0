namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// A Mosaic application client registered in the emulator.
/// </summary>
public sealed class MosaicEmulatorClient
{
    /// <summary>The OAuth client id. Defaults to <see cref="MosaicEmulatorDefaults.ClientId"/>.</summary>
    public string ClientId { get; set; } = MosaicEmulatorDefaults.ClientId;

    /// <summary>The OAuth client secret. Defaults to <see cref="MosaicEmulatorDefaults.ClientSecret"/>.</summary>
    public string ClientSecret { get; set; } = MosaicEmulatorDefaults.ClientSecret;

    /// <summary>The application id (<c>app_id</c> claim). Defaults to <see cref="MosaicEmulatorDefaults.AppId"/>.</summary>
    public string AppId { get; set; } = MosaicEmulatorDefaults.AppId;

    /// <summary>The application name (<c>app_name</c> claim, <c>{app}</c> in SMS texts). Defaults to <see cref="MosaicEmulatorDefaults.AppName"/>.</summary>
    public string AppName { get; set; } = MosaicEmulatorDefaults.AppName;

    /// <summary>The tenant id (<c>tid</c> claim). Defaults to <see cref="MosaicEmulatorDefaults.TenantId"/>.</summary>
    public string TenantId { get; set; } = MosaicEmulatorDefaults.TenantId;

    /// <summary>Redirect URIs accepted by exact string match.</summary>
    public IList<string> AllowedRedirectUris { get; } = [];

    /// <summary>Whether an unknown phone number may sign up (with <c>create_new_user</c>). Defaults to <see langword="true"/>.</summary>
    public bool PublicSignUp { get; set; } = true;

    /// <summary>
    /// Whether any http(s) redirect URI on a loopback host (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>) or on the
    /// emulator's own host is accepted besides <see cref="AllowedRedirectUris"/>. Defaults to <see langword="true"/>.
    /// </summary>
    public bool AllowLoopbackRedirectUris { get; set; } = true;
}
