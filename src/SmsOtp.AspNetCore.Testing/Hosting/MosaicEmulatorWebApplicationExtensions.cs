using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Testing.Diagnostics;
using SmsOtp.AspNetCore.Testing.Embedded;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves the emulator that <c>AddMosaicEmulatorWhenNoTenant</c> chose to embed.</summary>
public static class MosaicEmulatorWebApplicationExtensions
{
    /// <summary>
    /// In embedded mode (see <c>AddMosaicEmulatorWhenNoTenant</c>): maps the emulator at
    /// <see cref="MosaicEmulatorEmbeddedDefaults.EmulatorPath"/>, a page listing the SMS it "sent" at
    /// <paramref name="devSmsPath"/>, and logs a warning, once the server listens, naming that page. With a tenant
    /// configured it maps nothing, so <c>/dev/sms</c> does not exist (404).
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="devSmsPath">
    /// Where the sent-SMS page goes, <see cref="MosaicEmulatorEmbeddedDefaults.DevSmsPath"/> by default; the
    /// announcement names it. <see langword="null"/> when the app serves its own page there (read the
    /// <see cref="MosaicEmulatorOutbox"/>).
    /// </param>
    /// <returns><see langword="true"/> when the embedded emulator is mapped.</returns>
    public static bool MapMosaicEmulatorWhenNoTenant(this WebApplication app, string? devSmsPath = MosaicEmulatorEmbeddedDefaults.DevSmsPath)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<EmbeddedEmulatorMarker>() is not { } embedded)
        {
            return false;
        }

        app.MapMosaicEmulator(MosaicEmulatorEmbeddedDefaults.EmulatorPath);
        if (devSmsPath is not null)
        {
            app.MapGet(devSmsPath, DevSmsPage.Render).ExcludeFromDescription();
        }

        var page = devSmsPath ?? MosaicEmulatorEmbeddedDefaults.DevSmsPath;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SmsOtp.AspNetCore.Testing.EmbeddedEmulator");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            // Only the page's address is logged: passcodes stay on that page, never in logs.
            var self = ListeningAddress.Find(app.Services.GetRequiredService<IServer>());
            EmulatorLog.EmbeddedMode(logger, embedded.TenantSection, self is null ? page : new Uri(self, page).AbsoluteUri);
            if (embedded.ClientIdInCodeReplaced)
            {
                EmulatorLog.ClientIdInCodeReplaced(logger, embedded.Scheme, embedded.TenantSection);
            }
        });
        return true;
    }
}
