using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SmsOtp.AspNetCore.Testing.State;

namespace SmsOtp.AspNetCore.Testing.Tokens;

/// <summary>
/// Issues the emulator's JWTs (client access tokens, user access tokens, ID tokens) and recognises its own access
/// tokens: the ones it issued are remembered, so checking a bearer token is a lookup, not an RSA verification.
/// </summary>
internal sealed class TokenFactory(MosaicEmulatorOptions options, MosaicEmulatorKeys keys, MosaicEmulatorFaults faults, TimeProvider timeProvider)
{
    public const string AccessTokenAudience = "userid-api";
    public const string DefaultScope = "openid offline_access";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    /// <summary>Tokens remembered at most; beyond that (a long load run) a token is verified by its signature instead.</summary>
    internal const int IssuedCapacity = 10_000;
    private const string WrongRegionIssuer = "https://eu.userid.security";

    private readonly ConcurrentDictionary<string, AccessTokenInfo> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedJtis = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _handler = new();
    private long _nextForgetTicks;

    public string CreateClientAccessToken(MosaicEmulatorClient client) => CreateAccessToken(client, client.ClientId, DefaultScope);

    public string CreateUserAccessToken(MosaicEmulatorClient client, UserGrant grant) => CreateAccessToken(client, grant.UserId, grant.Scope);

    /// <summary>Builds an ID token, with any defects <see cref="MosaicEmulatorFaults.IdToken"/> asks for.</summary>
    public string CreateIdToken(MosaicEmulatorClient client, UserGrant grant, string? accessToken, bool includeNonce)
    {
        var fault = faults.IdToken;
        var now = timeProvider.GetUtcNow();
        var issuedAt = fault.HasFlag(MosaicEmulatorIdTokenFault.Expired) ? now - TimeSpan.FromHours(2) : now;
        var issuer = fault.HasFlag(MosaicEmulatorIdTokenFault.WrongIssuer) ? WrongRegionIssuer : options.Issuer;
        var audience = fault.HasFlag(MosaicEmulatorIdTokenFault.WrongAudience) ? "not-" + client.ClientId : client.ClientId;
        var claims = RegisteredClaims(issuer, audience, issuedAt, issuedAt + TokenLifetime);
        claims["sub"] = grant.UserId;
        claims["tid"] = client.TenantId;
        claims["auth_time"] = grant.AuthTime.ToUnixTimeSeconds();
        claims["amr"] = new[] { "sms" };
        if (accessToken is not null)
        {
            claims["at_hash"] = ComputeAtHash(accessToken);
        }

        var nonce = grant.Nonce;
        if (fault.HasFlag(MosaicEmulatorIdTokenFault.WrongNonce))
        {
            nonce = "wrong-" + (nonce ?? "nonce");
        }

        if (includeNonce && nonce is not null && !fault.HasFlag(MosaicEmulatorIdTokenFault.MissingNonce))
        {
            claims["nonce"] = nonce;
        }

        // Only what the send call's `claims` asked for, as Mosaic's 2025 ID token reference describes.
        if (grant.RequestedClaims.Contains("phone_number"))
        {
            claims["phone_number"] = grant.PhoneNumber;
        }

        if (grant.RequestedClaims.Contains("phone_number_verified"))
        {
            claims["phone_number_verified"] = true;
        }

        if (grant.RequestedClaims.Contains("new_user"))
        {
            claims["new_user"] = grant.NewUser;
        }

        if (grant.ApprovalData is { } approvalData)
        {
            claims["approval_data"] = approvalData;
        }

        if (fault.HasFlag(MosaicEmulatorIdTokenFault.AlgNone))
        {
            return JwtWriter.Write("none", null, claims, signer: null);
        }

        var current = keys.Current;
        if (fault.HasFlag(MosaicEmulatorIdTokenFault.Hs256WithPublicKey))
        {
            return JwtWriter.Write(SecurityAlgorithms.HmacSha256, current.KeyId, claims, JwtWriter.Hs256(current.Rsa.ExportSubjectPublicKeyInfo()));
        }

        if (fault.HasFlag(MosaicEmulatorIdTokenFault.UnknownKey))
        {
            var unknown = MosaicEmulatorKeys.ForeignKey();
            return JwtWriter.Write(SecurityAlgorithms.RsaSha256, unknown.KeyId, claims, JwtWriter.Rs256(unknown.Rsa));
        }

        var token = JwtWriter.Write(SecurityAlgorithms.RsaSha256, current.KeyId, claims, JwtWriter.Rs256(current.Rsa));
        if (fault.HasFlag(MosaicEmulatorIdTokenFault.BadSignature))
        {
            var lastDot = token.LastIndexOf('.');
            var signature = Base64UrlEncoder.DecodeBytes(token[(lastDot + 1)..]);
            signature[0] ^= 0xFF;
            token = token[..(lastDot + 1)] + Base64UrlEncoder.Encode(signature);
        }

        return token;
    }

    /// <summary>
    /// Recognises a bearer token the emulator issued and has not revoked; returns what it stands for, or
    /// <see langword="null"/>. Tokens it remembers need no signature check; others (past <see cref="IssuedCapacity"/>)
    /// are verified against every key it ever owned.
    /// </summary>
    public async Task<AccessTokenInfo?> ValidateAccessTokenAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var info = _issued.TryGetValue(token, out var known) ? known : await VerifyAsync(token).ConfigureAwait(false);
        return info is not null && timeProvider.GetUtcNow() < info.ExpiresAt && !_revokedJtis.ContainsKey(info.Jti) ? info : null;
    }

    /// <summary>RFC 7009: an access token the emulator issued is refused from now on. Unknown tokens are ignored.</summary>
    public async Task<bool> RevokeAccessTokenAsync(string token, string clientId)
    {
        var info = await ValidateAccessTokenAsync(token).ConfigureAwait(false);
        if (info is null || !string.Equals(info.ClientId, clientId, StringComparison.Ordinal))
        {
            return false;
        }

        _revokedJtis[info.Jti] = info.ExpiresAt;
        _issued.TryRemove(token, out _);
        return true;
    }

    private string CreateAccessToken(MosaicEmulatorClient client, string subject, string scope)
    {
        var now = timeProvider.GetUtcNow();
        var expires = now + TokenLifetime;
        var jti = NewJti();
        var claims = RegisteredClaims(options.Issuer, AccessTokenAudience, now, expires);
        claims["sub"] = subject;
        claims["client_id"] = client.ClientId;
        claims["app_id"] = client.AppId;
        claims["app_name"] = client.AppName;
        claims["tid"] = client.TenantId;
        claims["scope"] = scope;
        claims["roles"] = Array.Empty<string>();
        claims["jti"] = jti;

        var token = string.Equals(options.AccessTokenSigningAlgorithm, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal)
            ? JwtWriter.Write(SecurityAlgorithms.RsaSha256, keys.Current.KeyId, claims, JwtWriter.Rs256(keys.Current.Rsa))
            : JwtWriter.Write(SecurityAlgorithms.EcdsaSha256, keys.AccessTokenKey.KeyId, claims, JwtWriter.Es256(keys.AccessTokenKey.ECDsa));
        Remember(token, new AccessTokenInfo(client.ClientId, subject, jti, expires));
        return token;
    }

    private void Remember(string token, AccessTokenInfo info)
    {
        // Full: drop expired entries, at most once a minute (a scan per token would cost more than it saves).
        var now = timeProvider.GetUtcNow();
        if (_issued.Count >= IssuedCapacity && now.UtcTicks >= Interlocked.Read(ref _nextForgetTicks))
        {
            Interlocked.Exchange(ref _nextForgetTicks, (now + TimeSpan.FromMinutes(1)).UtcTicks);
            Forget(now);
        }

        if (_issued.Count < IssuedCapacity)
        {
            _issued[token] = info;
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var pair in _issued)
        {
            if (pair.Value.ExpiresAt <= now)
            {
                _issued.TryRemove(pair);
            }
        }

        foreach (var pair in _revokedJtis)
        {
            if (pair.Value <= now)
            {
                _revokedJtis.TryRemove(pair);
            }
        }
    }

    private async Task<AccessTokenInfo?> VerifyAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = AccessTokenAudience,
            IssuerSigningKeys = keys.Owned,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
            ValidateLifetime = false, // checked by the caller against the emulator's clock
        }).ConfigureAwait(false);
        return result.IsValid && result.SecurityToken is JsonWebToken jwt
            && jwt.TryGetPayloadValue<string>("client_id", out var clientId) && jwt.TryGetPayloadValue<string>("jti", out var jti)
            ? new AccessTokenInfo(clientId, jwt.Subject, jti, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero))
            : null;
    }

    private static Dictionary<string, object> RegisteredClaims(string issuer, string audience, DateTimeOffset issuedAt, DateTimeOffset expires) => new(StringComparer.Ordinal)
    {
        ["iss"] = issuer,
        ["aud"] = audience,
        ["iat"] = issuedAt.ToUnixTimeSeconds(),
        ["nbf"] = issuedAt.ToUnixTimeSeconds(),
        ["exp"] = expires.ToUnixTimeSeconds(),
    };

    /// <summary>OIDC Core 3.1.3.6: the left half of SHA-256 of the access token, base64url.</summary>
    private static string ComputeAtHash(string accessToken)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        return Base64UrlEncoder.Encode(hash, 0, hash.Length / 2);
    }

    private static string NewJti() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(15));
}
