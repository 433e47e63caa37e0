using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Testing.State;
using SmsOtp.AspNetCore.Testing.Tokens;

namespace SmsOtp.AspNetCore.Testing.Hosting;

/// <summary>
/// The emulator's shared state and services: one instance per emulator (per app in mapped mode).
/// </summary>
internal sealed class EmulatorRuntime : IDisposable
{
    public static readonly TimeSpan LoginTicketLifetime = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan AuthorizationCodeLifetime = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(14);
    public static readonly TimeSpan InteractionLifetime = TimeSpan.FromMinutes(10);

    private readonly IReadOnlyList<MosaicEmulatorClient> _clients;

    public EmulatorRuntime(IOptions<MosaicEmulatorOptions> options, ILoggerFactory loggerFactory)
    {
        Options = options.Value;
        Validate(Options);
        TimeProvider = Options.TimeProvider;
        _clients = Options.Clients.Count == 0 ? [new MosaicEmulatorClient()] : [.. Options.Clients];
        Logger = loggerFactory.CreateLogger("SmsOtp.AspNetCore.Testing.MosaicEmulator");
        Users = new UserStore(Options.Users);
        Otps = new OtpStore(Options.Otp, TimeProvider);
        Tickets = new ExpiringStore<LoginTicket>(TimeProvider);
        Codes = new ExpiringStore<AuthorizationCode>(TimeProvider);
        Sessions = new ExpiringStore<IdpSession>(TimeProvider);
        RefreshTokens = new ExpiringStore<RefreshGrant>(TimeProvider);
        Interactions = new ExpiringStore<LoginInteraction>(TimeProvider);
        Tokens = new TokenFactory(Options, Keys, Faults, TimeProvider);
    }

    public MosaicEmulatorOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public MosaicEmulatorOutbox Outbox { get; } = new();

    public MosaicEmulatorFaults Faults { get; } = new();

    public MosaicEmulatorCounters Counters { get; } = new();

    public MosaicEmulatorKeys Keys { get; } = new();

    public TokenFactory Tokens { get; }

    public UserStore Users { get; }

    public OtpStore Otps { get; }

    public ExpiringStore<LoginTicket> Tickets { get; }

    public ExpiringStore<AuthorizationCode> Codes { get; }

    public ExpiringStore<IdpSession> Sessions { get; }

    public ExpiringStore<RefreshGrant> RefreshTokens { get; }

    public ExpiringStore<LoginInteraction> Interactions { get; }

    public MosaicEmulatorClient? FindClient(string? clientId) =>
        clientId is null ? null : _clients.FirstOrDefault(client => string.Equals(client.ClientId, clientId, StringComparison.Ordinal));

    public MosaicEmulatorClient? Authenticate(string? clientId, string? clientSecret)
    {
        var client = FindClient(clientId);
        return client is not null && clientSecret is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(client.ClientSecret), Encoding.UTF8.GetBytes(clientSecret))
            ? client
            : null;
    }

    /// <summary>Exact match against the allow-list, or any http(s) loopback/emulator-host URI when the client allows it.</summary>
    public static bool IsRedirectUriAllowed(MosaicEmulatorClient client, string? redirectUri, string emulatorHost)
    {
        if (string.IsNullOrEmpty(redirectUri) || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Fragment.Length > 0)
        {
            return false;
        }

        return client.AllowedRedirectUris.Contains(redirectUri, StringComparer.Ordinal)
            || (client.AllowLoopbackRedirectUris && (uri.IsLoopback || string.Equals(uri.Host, emulatorHost, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>A fresh code, or the fixed one of a test phone number.</summary>
    public string CreatePasscode(string phoneNumber)
    {
        if (Options.TestPhoneNumbers.TryGetValue(phoneNumber, out var fixedCode))
        {
            return fixedCode;
        }

        var length = Options.Otp.CodeLength;
        return RandomNumberGenerator.GetInt32(0, (int)Math.Pow(10, length)).ToString("D" + length, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string CreateOpaqueToken() => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public void Dispose() => Keys.Dispose();

    private static void Validate(MosaicEmulatorOptions options)
    {
        if (options.Otp.CodeLength is < 4 or > 8)
        {
            throw new OptionsValidationException(nameof(MosaicEmulatorOptions), typeof(MosaicEmulatorOptions), ["Otp.CodeLength must be between 4 and 8."]);
        }

        if (options.Otp.MaxFailures is < 1 or > 20)
        {
            throw new OptionsValidationException(nameof(MosaicEmulatorOptions), typeof(MosaicEmulatorOptions), ["Otp.MaxFailures must be between 1 and 20."]);
        }

        if (options.Otp.ExpiresIn <= TimeSpan.Zero || options.Otp.LockoutDuration < TimeSpan.Zero)
        {
            throw new OptionsValidationException(nameof(MosaicEmulatorOptions), typeof(MosaicEmulatorOptions), ["Otp.ExpiresIn must be positive and Otp.LockoutDuration not negative."]);
        }

        if (options.TestPhoneNumbers.Values.Any(code => code.Length != options.Otp.CodeLength || !code.All(char.IsAsciiDigit)))
        {
            throw new OptionsValidationException(nameof(MosaicEmulatorOptions), typeof(MosaicEmulatorOptions), ["TestPhoneNumbers codes must be Otp.CodeLength ASCII digits."]);
        }

        if (options.AccessTokenSigningAlgorithm is not ("ES256" or "RS256"))
        {
            throw new OptionsValidationException(nameof(MosaicEmulatorOptions), typeof(MosaicEmulatorOptions), ["AccessTokenSigningAlgorithm must be ES256 or RS256."]);
        }

        if (options.PublicBaseAddress is { IsAbsoluteUri: false })
        {
            throw new OptionsValidationException(nameof(MosaicEmulatorOptions), typeof(MosaicEmulatorOptions), ["PublicBaseAddress must be absolute."]);
        }
    }
}
