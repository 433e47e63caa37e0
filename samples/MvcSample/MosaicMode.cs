using SmsOtp.AspNetCore;
using SmsOtp.AspNetCore.Testing;

namespace MvcSample;

/// <summary>
/// Whether the sample talks to a real Mosaic tenant or to the Mosaic emulator it hosts itself.
/// Decided once at start-up from configuration, so a fresh clone runs with no tenant at all.
/// </summary>
internal sealed record MosaicMode(bool IsEmbedded)
{
    /// <summary>The configuration section with the tenant's settings; none there: embedded mode.</summary>
    public const string Section = "Mosaic";

    public const string ClientIdKey = "Mosaic:ClientId";
    public const string ClientSecretKey = "Mosaic:ClientSecret";

    /// <summary>Real mode: the tenant's region (US, EU, CA, AU, Sandbox). Default: US.</summary>
    public const string RegionKey = "Mosaic:Region";

    /// <summary>Real mode, optional: Mosaic's base URL for a custom domain; overrides the region.</summary>
    public const string BaseUrlKey = "Mosaic:BaseUrl";

    /// <summary>
    /// Embedded mode, optional: where the handler finds the emulator. Unset, it is this app's own listening address
    /// plus <see cref="EmulatorPath"/>; tests on a TestServer (no socket) set it.
    /// </summary>
    public const string EmulatorBaseUrlKey = MosaicEmulatorEmbeddedDefaults.EmulatorBaseUrlKey;

    /// <summary>Where the embedded emulator is mapped, on the app's own port.</summary>
    public const string EmulatorPath = MosaicEmulatorEmbeddedDefaults.EmulatorPath;

    /// <summary>The developer page listing the SMS the embedded emulator "sent".</summary>
    public const string DevSmsPath = MosaicEmulatorEmbeddedDefaults.DevSmsPath;

    /// <summary>The tenant's region from <see cref="RegionKey"/>; US when unset.</summary>
    public static MosaicRegion RegionFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[RegionKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return MosaicRegion.US;
        }

        // Numbers would parse as any enum value, so only names are accepted.
        return Enum.TryParse<MosaicRegion>(value, ignoreCase: true, out var region) && Enum.IsDefined(region) && !value.Any(char.IsAsciiDigit)
            ? region
            : throw new InvalidOperationException($"'{RegionKey}' is '{value}'; use one of: {string.Join(", ", Enum.GetNames<MosaicRegion>())}.");
    }
}
