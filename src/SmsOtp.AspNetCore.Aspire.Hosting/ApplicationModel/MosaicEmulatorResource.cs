namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The Mosaic emulator (<c>SmsOtp.AspNetCore.Emulator</c>) as an Aspire resource: an executable with one HTTP endpoint
/// that serves Mosaic's SMS OTP and OIDC endpoints and the SMS inbox at its root.
/// </summary>
/// <param name="name">The resource name.</param>
/// <param name="command">The executable that runs the emulator (<c>dotnet</c>).</param>
/// <param name="workingDirectory">The emulator's directory.</param>
public sealed class MosaicEmulatorResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory)
{
    /// <summary>The name of the HTTP endpoint.</summary>
    public const string HttpEndpointName = "http";

    /// <summary>The authentication scheme <c>WithReference</c> configures unless told another: <c>MosaicSmsOtp</c>.</summary>
    public const string DefaultScheme = "MosaicSmsOtp";

    /// <summary>The client the emulator knows when none is added: <c>emulator-client-id</c>.</summary>
    public const string DefaultClientId = "emulator-client-id";

    /// <summary>The secret of <see cref="DefaultClientId"/>: <c>emulator-client-secret</c>.</summary>
    public const string DefaultClientSecret = "emulator-client-secret";

    private EndpointReference? _httpEndpoint;

    /// <summary>The HTTP endpoint: Mosaic's API base URL and the SMS inbox.</summary>
    public EndpointReference HttpEndpoint => _httpEndpoint ??= new(this, HttpEndpointName);

    /// <summary>The client id that references get: the first added client's, or <see cref="DefaultClientId"/>.</summary>
    public string ClientId => Clients.Count > 0 ? Clients[0].ClientId : DefaultClientId;

    /// <summary>The secret of <see cref="ClientId"/>.</summary>
    public string ClientSecret => Clients.Count > 0 ? Clients[0].ClientSecret : DefaultClientSecret;

    // What the emulator is started with (turned into mosaic-emulator's command-line options when it starts).
    internal List<(string ClientId, string ClientSecret)> Clients { get; } = [];

    internal List<(string PhoneNumber, string? UserId)> Users { get; } = [];

    internal List<(string PhoneNumber, string Code)> TestNumbers { get; } = [];

    internal Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);
}
