namespace MvcSample;

/// <summary>
/// Whether the sample talks to a real Mosaic tenant or to the Mosaic emulator it hosts itself.
/// Decided once at start-up from configuration, so a fresh clone runs with no tenant at all.
/// </summary>
internal sealed record MosaicMode(bool IsEmbedded)
{
    public const string ClientIdKey = "Mosaic:ClientId";
    public const string ClientSecretKey = "Mosaic:ClientSecret";

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
}
