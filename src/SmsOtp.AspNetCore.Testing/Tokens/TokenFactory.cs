using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SmsOtp.AspNetCore.Testing.State;

namespace SmsOtp.AspNetCore.Testing.Tokens;

/// <summary>
/// Issues the emulator's JWTs (client access tokens, user access tokens, ID tokens) and validates its own access tokens.
/// </summary>
internal sealed class TokenFactory(MosaicEmulatorOptions options, MosaicEmulatorKeys keys, MosaicEmulatorFaults faults, TimeProvider timeProvider)
{
    public const string AccessTokenAudience = "userid-api";
    public const string DefaultScope = "openid offline_access";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);
    private const string WrongRegionIssuer = "https://eu.userid.security";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string CreateClientAccessToken(MosaicEmulatorClient client)
    {
        var now = timeProvider.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = client.ClientId,
            ["client_id"] = client.ClientId,
            ["app_id"] = client.AppId,
            ["app_name"] = client.AppName,
            ["tid"] = client.TenantId,
            ["scope"] = DefaultScope,
            ["roles"] = new List<string>(),
            ["jti"] = NewJti(),
        };
        return Sign(claims, AccessTokenAudience, options.Issuer, now, now + TokenLifetime, keys.Current);
    }

    public string CreateUserAccessToken(MosaicEmulatorClient client, UserGrant grant)
    {
        var now = timeProvider.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = grant.UserId,
            ["client_id"] = client.ClientId,
            ["app_id"] = client.AppId,
            ["app_name"] = client.AppName,
            ["tid"] = client.TenantId,
            ["scope"] = grant.Scope,
            ["roles"] = new List<string>(),
            ["jti"] = NewJti(),
        };
        return Sign(claims, AccessTokenAudience, options.Issuer, now, now + TokenLifetime, keys.Current);
    }

    /// <summary>Builds an ID token, with any defects <see cref="MosaicEmulatorFaults.IdToken"/> asks for.</summary>
    public string CreateIdToken(MosaicEmulatorClient client, UserGrant grant, string accessToken, bool includeNonce)
    {
        var fault = faults.IdToken;
        var now = timeProvider.GetUtcNow();
        var issuedAt = fault.HasFlag(MosaicEmulatorIdTokenFault.Expired) ? now - TimeSpan.FromHours(2) : now;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = grant.UserId,
            ["tid"] = client.TenantId,
            ["auth_time"] = grant.AuthTime.ToUnixTimeSeconds(),
            ["amr"] = new List<string> { "sms" },
            ["at_hash"] = ComputeAtHash(accessToken),
        };

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

        var issuer = fault.HasFlag(MosaicEmulatorIdTokenFault.WrongIssuer) ? WrongRegionIssuer : options.Issuer;
        var audience = fault.HasFlag(MosaicEmulatorIdTokenFault.WrongAudience) ? "not-" + client.ClientId : client.ClientId;
        var expires = issuedAt + TokenLifetime;

        if (fault.HasFlag(MosaicEmulatorIdTokenFault.AlgNone))
        {
            return CreateUnsigned(claims, audience, issuer, issuedAt, expires);
        }

        if (fault.HasFlag(MosaicEmulatorIdTokenFault.Hs256WithPublicKey))
        {
            var current = keys.Current;
            var publicKey = current.Rsa.ExportSubjectPublicKeyInfo();
            var hmacKey = new SymmetricSecurityKey(publicKey) { KeyId = current.KeyId };
            return Sign(claims, audience, issuer, issuedAt, expires, new SigningCredentials(hmacKey, SecurityAlgorithms.HmacSha256));
        }

        if (fault.HasFlag(MosaicEmulatorIdTokenFault.UnknownKey))
        {
            var unknown = MosaicEmulatorKeys.CreateKey();
            using (unknown.Rsa)
            {
                return Sign(claims, audience, issuer, issuedAt, expires, unknown);
            }
        }

        var token = Sign(claims, audience, issuer, issuedAt, expires, keys.Current);
        if (fault.HasFlag(MosaicEmulatorIdTokenFault.BadSignature))
        {
            var lastDot = token.LastIndexOf('.');
            var signature = Base64UrlEncoder.DecodeBytes(token[(lastDot + 1)..]);
            signature[0] ^= 0xFF;
            token = token[..(lastDot + 1)] + Base64UrlEncoder.Encode(signature);
        }

        return token;
    }

    /// <summary>Validates a bearer token the emulator issued; returns its claims, or <see langword="null"/>.</summary>
    public async Task<JsonWebToken?> ValidateAccessTokenAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = AccessTokenAudience,
            IssuerSigningKeys = keys.Owned,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateLifetime = false, // checked below against the emulator's clock
        }).ConfigureAwait(false);
        return result.IsValid && result.SecurityToken is JsonWebToken jwt && jwt.ValidTo > timeProvider.GetUtcNow().UtcDateTime ? jwt : null;
    }

    private string Sign(Dictionary<string, object> claims, string audience, string issuer, DateTimeOffset issuedAt, DateTimeOffset expires, RsaSecurityKey key) =>
        Sign(claims, audience, issuer, issuedAt, expires, new SigningCredentials(key, SecurityAlgorithms.RsaSha256));

    private string Sign(Dictionary<string, object> claims, string audience, string issuer, DateTimeOffset issuedAt, DateTimeOffset expires, SigningCredentials credentials) =>
        _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = credentials,
        });

    private static string CreateUnsigned(Dictionary<string, object> claims, string audience, string issuer, DateTimeOffset issuedAt, DateTimeOffset expires)
    {
        var payload = new Dictionary<string, object>(claims)
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        };
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return header + "." + Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(payload)) + ".";
    }

    /// <summary>OIDC Core 3.1.3.6: the left half of SHA-256 of the access token, base64url.</summary>
    private static string ComputeAtHash(string accessToken)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        return Base64UrlEncoder.Encode(hash, 0, hash.Length / 2);
    }

    private static string NewJti() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(15));
}
