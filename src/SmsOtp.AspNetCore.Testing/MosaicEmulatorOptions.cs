namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// Configures the Mosaic emulator: issuer, clients, users, OTP policy, test phone numbers and clock.
/// </summary>
public sealed class MosaicEmulatorOptions
{
    /// <summary>The <c>iss</c> of every token and of the discovery document. Defaults to <see cref="MosaicEmulatorDefaults.Issuer"/>.</summary>
    public string Issuer { get; set; } = MosaicEmulatorDefaults.Issuer;

    /// <summary>
    /// The absolute base of result URIs and discovery URLs, including any mapped prefix.
    /// <see langword="null"/> (the default) takes scheme, host, path base and mapped prefix from each request.
    /// </summary>
    public Uri? PublicBaseAddress { get; set; }

    /// <summary>The registered clients. When empty, one default client is used (see <see cref="MosaicEmulatorClient"/>).</summary>
    public IList<MosaicEmulatorClient> Clients { get; } = [];

    /// <summary>Users that exist before any sign-up.</summary>
    public IList<MosaicEmulatorUser> Users { get; } = [];

    /// <summary>The one-time passcode policy.</summary>
    public MosaicEmulatorOtpPolicy Otp { get; } = new();

    /// <summary>
    /// E.164 phone numbers that always receive the given fixed code (like Firebase or Supabase test numbers).
    /// </summary>
    public IDictionary<string, string> TestPhoneNumbers { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The JWS algorithm of access tokens (client and user): <c>ES256</c> (the default: about a tenth of the CPU of an
    /// RS256 signature, which test suites pay on every sign-in) or <c>RS256</c> (signed like ID tokens, by the current
    /// RSA key). ID tokens are always RS256. Both keys are in the JWKS.
    /// </summary>
    public string AccessTokenSigningAlgorithm { get; set; } = "ES256";

    /// <summary>The clock of every expiry, lockout and token time. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
