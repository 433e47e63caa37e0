using BlazorSample.Mosaic;
using Microsoft.AspNetCore.Hosting.Server;

namespace BlazorSample;

/// <summary>
/// Tells the developer, once the server listens, that the app runs the Mosaic emulator and where the SMS it
/// "sends" can be read. Only the page's address is logged: passcodes stay on that page, never in logs.
/// </summary>
internal static partial class EmulatorModeAnnouncement
{
    public static void LogOnStart(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var self = ListeningAddress.Find(app.Services.GetRequiredService<IServer>());
            var page = self is null ? MosaicMode.DevSmsPath : new Uri(self, MosaicMode.DevSmsPath).AbsoluteUri;
            LogEmulatorMode(app.Logger, page);
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Emulator mode: no Mosaic:ClientId configured, so the Mosaic emulator runs inside this app and no real SMS is sent. Read the SMS it sends at {DevSmsPage}")]
    private static partial void LogEmulatorMode(ILogger logger, string devSmsPage);
}
