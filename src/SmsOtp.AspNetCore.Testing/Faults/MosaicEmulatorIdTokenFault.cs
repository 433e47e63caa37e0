namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// Defects the emulator builds into the ID tokens it issues, to test a client's token validation.
/// </summary>
[Flags]
public enum MosaicEmulatorIdTokenFault
{
    /// <summary>Well-formed tokens.</summary>
    None = 0,

    /// <summary><c>iss</c> is <c>https://eu.userid.security</c> (another region) instead of the configured issuer.</summary>
    WrongIssuer = 1 << 0,

    /// <summary><c>aud</c> is not the client id.</summary>
    WrongAudience = 1 << 1,

    /// <summary><c>iat</c> two hours and <c>exp</c> one hour in the past.</summary>
    Expired = 1 << 2,

    /// <summary>An unsigned token with <c>alg: none</c>.</summary>
    AlgNone = 1 << 3,

    /// <summary>Signed by a key that is not in the JWKS, with a <c>kid</c> that is not either.</summary>
    UnknownKey = 1 << 4,

    /// <summary><c>nonce</c> differs from the one given.</summary>
    WrongNonce = 1 << 5,

    /// <summary>No <c>nonce</c>, even when one was given.</summary>
    MissingNonce = 1 << 6,

    /// <summary>HS256 with the published RSA public key (SubjectPublicKeyInfo DER) as the HMAC secret.</summary>
    Hs256WithPublicKey = 1 << 7,

    /// <summary>A valid RS256 header and payload with a corrupted signature.</summary>
    BadSignature = 1 << 8,
}
