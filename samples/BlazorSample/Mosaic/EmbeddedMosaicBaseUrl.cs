using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore;

namespace BlazorSample.Mosaic;

/// <summary>
/// Embedded mode: points the SMS handler at the Mosaic emulator this app maps at <see cref="MosaicMode.EmulatorPath"/>,
/// i.e. at the app's own address, which exists only once Kestrel listens. <see cref="MosaicMode.EmulatorBaseUrlKey"/>
/// overrides it where there is no socket (tests on a TestServer).
/// </summary>
/// <remarks>
/// A configure step, not a post-configure one: the handler's own post-configuration derives its discovery URL from
/// <see cref="MosaicSmsOtpOptions.BaseUrl"/>, so the base URL must be set before it runs.
/// </remarks>
internal sealed class EmbeddedMosaicBaseUrl(IServer server, IConfiguration configuration, IHostApplicationLifetime lifetime)
    : IConfigureNamedOptions<MosaicSmsOtpOptions>
{
    public void Configure(string? name, MosaicSmsOtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != MosaicSmsOtpDefaults.AuthenticationScheme)
        {
            return;
        }

        if (configuration[MosaicMode.EmulatorBaseUrlKey] is { Length: > 0 } configured)
        {
            options.BaseUrl = new Uri(configured, UriKind.Absolute);
            return;
        }

        // The handler validates its options at start-up, before Kestrel binds: leave them unfinished then.
        // ServerStartedChangeTokenSource has them rebuilt, through here, as soon as the server listens.
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return;
        }

        var self = ListeningAddress.Find(server)
            ?? throw new InvalidOperationException(
                $"The server reports no listening address, so the embedded Mosaic emulator cannot be located. Set '{MosaicMode.EmulatorBaseUrlKey}' (e.g. http://localhost{MosaicMode.EmulatorPath}).");
        options.BaseUrl = new Uri(self, MosaicMode.EmulatorPath);
    }

    public void Configure(MosaicSmsOtpOptions options) => Configure(Options.DefaultName, options);
}
