using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// The emulator's signing keys: the current RSA key signs ID tokens (RS256), the published ones are served by the JWKS
/// endpoint, next to one P-256 key that signs access tokens (ES256, unless
/// <see cref="MosaicEmulatorOptions.AccessTokenSigningAlgorithm"/> says RS256).
/// </summary>
/// <remarks>
/// Every emulator in a process starts with the same RSA key pair under a <c>kid</c> of its own, as Mosaic signs for
/// every tenant of a region with one key: generating a 2048-bit key costs about a fifth of a second of CPU, a thousand
/// sign-ins' worth, which a test suite would otherwise pay for each emulator it starts. <see cref="Rotate"/> creates a
/// key pair of the emulator's own.
/// </remarks>
public sealed class MosaicEmulatorKeys : IDisposable
{
    // Generated on first use, once per process; never disposed (emulators share it).
    private static readonly Lazy<RSA> SharedRsa = new(GenerateRsa, LazyThreadSafetyMode.ExecutionAndPublication);

    // The key of the UnknownKey fault: published by no emulator, shared like the first one.
    private static readonly Lazy<RSA> SharedForeignRsa = new(GenerateRsa, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lock _lock = new();
    private readonly List<RsaSecurityKey> _owned = [];
    private readonly List<RsaSecurityKey> _published = [];
    private RsaSecurityKey _current;

    internal MosaicEmulatorKeys()
    {
        _current = new RsaSecurityKey(SharedRsa.Value) { KeyId = NewKeyId() };
        _owned.Add(_current);
        _published.Add(_current);
        AccessTokenKey = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12)) };
    }

    /// <summary>The <c>kid</c> of the P-256 key that signs access tokens with ES256 (published in the JWKS too).</summary>
    public string AccessTokenKeyId => AccessTokenKey.KeyId;

    /// <summary>The P-256 access-token key: an ES256 signature costs about a tenth of an RS256 one.</summary>
    internal ECDsaSecurityKey AccessTokenKey { get; }

    /// <summary>The <c>kid</c> of the key that signs new tokens.</summary>
    public string CurrentKeyId
    {
        get
        {
            lock (_lock)
            {
                return _current.KeyId;
            }
        }
    }

    /// <summary>The <c>kid</c>s the JWKS endpoint publishes, oldest first.</summary>
    public IReadOnlyList<string> PublishedKeyIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _published.Select(key => key.KeyId)];
            }
        }
    }

    /// <summary>Creates a new key, publishes it next to the existing ones and signs new tokens with it.</summary>
    /// <returns>The new key's <c>kid</c>.</returns>
    public string Rotate()
    {
        var key = CreateKey();
        lock (_lock)
        {
            _owned.Add(key);
            _published.Add(key);
            _current = key;
        }

        return key.KeyId;
    }

    /// <summary>
    /// Removes a key from the JWKS. Retiring the current key is allowed (tokens are then signed by an unpublished key);
    /// call <see cref="Rotate"/> first to keep issuing verifiable tokens.
    /// </summary>
    /// <param name="keyId">The <c>kid</c> to remove.</param>
    /// <returns><see langword="true"/> when the key was published.</returns>
    public bool Retire(string keyId)
    {
        lock (_lock)
        {
            return _published.RemoveAll(key => string.Equals(key.KeyId, keyId, StringComparison.Ordinal)) > 0;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var key in _owned.Where(key => !ReferenceEquals(key.Rsa, SharedRsa.Value)))
            {
                key.Rsa?.Dispose();
            }

            AccessTokenKey.ECDsa.Dispose();
        }
    }

    internal RsaSecurityKey Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    internal IReadOnlyList<RsaSecurityKey> Published
    {
        get
        {
            lock (_lock)
            {
                return [.. _published];
            }
        }
    }

    /// <summary>Every key the emulator ever signed with: its own client tokens stay verifiable after a key is retired.</summary>
    internal IReadOnlyList<SecurityKey> Owned
    {
        get
        {
            lock (_lock)
            {
                return [.. _owned, AccessTokenKey];
            }
        }
    }

    /// <summary>A key no emulator publishes (the <c>UnknownKey</c> fault signs with it); not to be disposed.</summary>
    internal static RsaSecurityKey ForeignKey() => new(SharedForeignRsa.Value) { KeyId = NewKeyId() };

    private static RsaSecurityKey CreateKey() => new(GenerateRsa()) { KeyId = NewKeyId() };

    private static RSA GenerateRsa()
    {
        var rsa = RSA.Create(2048);
        _ = rsa.ExportParameters(includePrivateParameters: false); // generates the pair now, not at the first signature
        return rsa;
    }

    private static string NewKeyId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
}
