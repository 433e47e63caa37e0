using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SmsOtp.AspNetCore.Testing.Embedded;

/// <summary>
/// Points the SMS handler at the emulator the app maps at <see cref="MosaicEmulatorEmbeddedDefaults.EmulatorPath"/>,
/// with the emulator's client, on the app's own address, which exists only once Kestrel listens.
/// <see cref="MosaicEmulatorEmbeddedDefaults.EmulatorBaseUrlKey"/> overrides the address where there is no socket.
/// </summary>
/// <remarks>
/// A configure step, not a post-configure one: the handler's own post-configuration derives its discovery URL from
/// <see cref="MosaicSmsOtpOptions.BaseUrl"/>, so the base URL must be set before it runs.
/// </remarks>
internal sealed class EmbeddedMosaicOptions(string scheme, IServer server, IConfiguration configuration, IHostApplicationLifetime lifetime, EmbeddedEmulatorMarker marker)
    : IConfigureNamedOptions<MosaicSmsOtpOptions>
{
    public void Configure(string? name, MosaicSmsOtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != scheme)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(options.ClientId) && options.ClientId != MosaicEmulatorDefaults.ClientId)
        {
            marker.ReplacedClientIdInCode();
        }

        options.ClientId = MosaicEmulatorDefaults.ClientId;
        options.ClientSecret = MosaicEmulatorDefaults.ClientSecret;
        // The emulator runs on this app's own port: plain http, or https with the development certificate.
        options.RequireHttpsMetadata = false;
        options.FlowCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

        if (configuration[MosaicEmulatorEmbeddedDefaults.EmulatorBaseUrlKey] is { Length: > 0 } configured)
        {
            options.BaseUrl = new Uri(configured, UriKind.Absolute);
            return;
        }

        // The handler validates its options at start-up, before Kestrel binds: leave the base URL unset then.
        // ServerStartedChangeTokenSource has the options rebuilt, through here, as soon as the server listens.
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return;
        }

        var self = ListeningAddress.Find(server)
            ?? throw new InvalidOperationException(
                $"The server reports no listening address, so the embedded Mosaic emulator cannot be located. Set '{MosaicEmulatorEmbeddedDefaults.EmulatorBaseUrlKey}' (e.g. http://localhost{MosaicEmulatorEmbeddedDefaults.EmulatorPath}).");
        options.BaseUrl = new Uri(self, MosaicEmulatorEmbeddedDefaults.EmulatorPath);
    }

    public void Configure(MosaicSmsOtpOptions options) => Configure(Options.DefaultName, options);
}
