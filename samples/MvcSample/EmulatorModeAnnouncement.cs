using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MvcSample;

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
            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
            var first = addresses?.FirstOrDefault();
            var page = first is null ? MosaicMode.DevSmsPath : first.TrimEnd('/') + MosaicMode.DevSmsPath;
            LogEmulatorMode(app.Logger, page);
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Emulator mode: no Mosaic:ClientId configured, so the Mosaic emulator runs inside this app and no real SMS is sent. Read the SMS it sends at {DevSmsPage}")]
    private static partial void LogEmulatorMode(ILogger logger, string devSmsPage);
}
