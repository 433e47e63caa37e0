using SmsOtp.AspNetCore;

namespace BlazorSample;

/// <summary>
/// Whether the sample talks to a real Mosaic tenant or to the Mosaic emulator it hosts itself.
/// Decided once at start-up from configuration, so a fresh clone runs with no tenant at all.
/// </summary>
internal sealed record MosaicMode(bool IsEmbedded)
{
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
    public const string EmulatorBaseUrlKey = "Mosaic:EmulatorBaseUrl";

    /// <summary>Where the embedded emulator is mapped, on the app's own port.</summary>
    public const string EmulatorPath = "/mosaic";

    /// <summary>The developer page listing the SMS the embedded emulator "sent".</summary>
    public const string DevSmsPath = "/dev/sms";

    public static MosaicMode FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var clientId = configuration[ClientIdKey];
        if (string.IsNullOrWhiteSpace(clientId))
        {
            return new MosaicMode(IsEmbedded: true);
        }

        // A client id without its secret is a half-done setup: fail at start-up rather than at the first sign-in.
        if (string.IsNullOrWhiteSpace(configuration[ClientSecretKey]))
        {
            throw new InvalidOperationException(
                $"'{ClientIdKey}' is set but '{ClientSecretKey}' is not. Set both to use a real Mosaic tenant, or neither to use the embedded emulator.");
        }

        return new MosaicMode(IsEmbedded: false);
    }

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
