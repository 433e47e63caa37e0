using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// Validates Mosaic's ID token (OpenID Connect Core §3.1.3.7): RS256 signature by a key from the discovery document's
/// JWKS, issuer, audience (and <c>azp</c> when there are several), lifetime, the flow's nonce, the flow's phone number
/// and, when configured, the tenant. An unknown <c>kid</c> triggers one refresh of the keys, which the configuration
/// manager itself limits to one per refresh interval.
/// </summary>
internal static class MosaicIdTokenValidator
{
    private const string AlgorithmNotAllowed = "its signing algorithm is not allowed, only RS256 is";

    private static readonly JsonWebTokenHandler TokenHandler = new() { MapInboundClaims = false };

    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256];

    public static async Task<MosaicIdToken> ValidateAsync(MosaicSmsOtpOptions options, string idToken, string expectedNonce, string expectedPhoneNumber, CancellationToken cancellationToken)
    {
        var result = await ValidateSignatureAndClaimsAsync(options, idToken, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Mosaic may have rotated its keys since they were cached.
            options.ConfigurationManager!.RequestRefresh();
            result = await ValidateSignatureAndClaimsAsync(options, idToken, cancellationToken).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            throw new MosaicIdTokenException(Describe(result.Exception, idToken), result.Exception);
        }

        var token = (JsonWebToken)result.SecurityToken;
        // OIDC Core §3.1.3.7: reject additional audiences the client does not trust, and it trusts none but itself.
        if (token.Audiences.Any(audience => audience != options.ClientId))
        {
            throw new MosaicIdTokenException("it names an audience other than this client");
        }

        if (token.TryGetPayloadValue<string>("azp", out var azp) && azp != options.ClientId)
        {
            throw new MosaicIdTokenException("its azp is not this client");
        }

        // The token is minted during this flow: an issue time in the future or older than the flow is refused.
        var now = options.Clock.GetUtcNow().UtcDateTime;
        var skew = options.TokenValidationParameters.ClockSkew;
        if (token.IssuedAt == DateTime.MinValue || token.IssuedAt > now + skew || token.IssuedAt < now - options.FlowLifetime - skew)
        {
            throw new MosaicIdTokenException("its issue time (iat) is missing, in the future or older than the sign-in flow");
        }

        if (!token.TryGetPayloadValue<string>("nonce", out var nonce) || !FixedTimeEquals(nonce, expectedNonce))
        {
            throw new MosaicIdTokenException("its nonce does not match this browser's sign-in flow");
        }

        if (token.TryGetPayloadValue<string>("phone_number", out var phoneNumber) && phoneNumber != expectedPhoneNumber)
        {
            throw new MosaicIdTokenException("its phone number is not the one this flow sent the code to");
        }

        if (options.TenantId is { } tenantId && !(token.TryGetPayloadValue<string>("tid", out var tid) && tid == tenantId))
        {
            throw new MosaicIdTokenException("its tenant (tid) is not the configured TenantId");
        }

        if (string.IsNullOrEmpty(token.Subject))
        {
            throw new MosaicIdTokenException("it has no subject (sub)");
        }

        return new MosaicIdToken(token);
    }

    private static async Task<TokenValidationResult> ValidateSignatureAndClaimsAsync(MosaicSmsOtpOptions options, string idToken, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            // The configuration manager wraps transport and parse failures of the discovery document and JWKS.
            throw new MosaicApiException("discovery document retrieval", MosaicFailureKind.Unavailable, innerException: ex);
        }

        var parameters = options.TokenValidationParameters.Clone();
        // Delegates that would replace a mandated check are dropped: an app can tune validation, not switch it off.
        parameters.SignatureValidator = null;
        parameters.IssuerValidator = null;
        parameters.AudienceValidator = null;
        parameters.AlgorithmValidator = null;
        parameters.IssuerSigningKeyResolver = null;
        parameters.IssuerSigningKeyValidator = null;
        parameters.ValidIssuer = options.Issuer ?? configuration.Issuer;
        parameters.ValidateIssuer = true;
        parameters.ValidAudience = options.ClientId;
        parameters.ValidateAudience = true;
        parameters.ValidateLifetime = true;
        parameters.RequireExpirationTime = true;
        parameters.RequireSignedTokens = true;
        parameters.ValidateIssuerSigningKey = true;
        parameters.IssuerSigningKeys = configuration.SigningKeys;
        parameters.ValidAlgorithms = AllowedAlgorithms;
        // Lifetime is checked against the scheme's TimeProvider, so tests and the app share one clock.
        var clock = options.Clock;
        var skew = parameters.ClockSkew;
        parameters.LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return expires is { } exp && exp + skew >= now && !(notBefore is { } nbf && nbf - skew > now);
        };
        return await TokenHandler.ValidateTokenAsync(idToken, parameters).ConfigureAwait(false);
    }

    /// <summary>Which check failed, by exception type: IdentityModel's messages can quote token contents.</summary>
    private static string Describe(Exception? exception, string idToken) => exception switch
    {
        SecurityTokenInvalidAlgorithmException => AlgorithmNotAllowed,
        // IdentityModel reports a token outside ValidAlgorithms (RS512 by a published key, HS256, alg none) as a signature
        // failure (IDX10511, IDX10504); its header tells that the algorithm, not the signature, is what is wrong.
        SecurityTokenInvalidSignatureException when !HasAllowedAlgorithm(idToken) => AlgorithmNotAllowed,
        SecurityTokenInvalidIssuerException => "its issuer is not Mosaic's",
        SecurityTokenInvalidAudienceException => "its audience is not this client",
        SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException => "it has expired or is not valid yet",
        SecurityTokenNotYetValidException => "it is not valid yet",
        SecurityTokenNoExpirationException => "it has no expiry",
        SecurityTokenSignatureKeyNotFoundException => "it is signed by a key Mosaic does not publish",
        SecurityTokenInvalidSignatureException => "its signature is invalid",
        SecurityTokenMalformedException => "it is not a well-formed JWT",
        null => "it is not valid",
        _ => "it is not valid (" + exception.GetType().Name + ")",
    };

    /// <summary>Whether the token's header names an allowed algorithm; an unreadable or encrypted token is not judged here.</summary>
    private static bool HasAllowedAlgorithm(string idToken)
    {
        JsonWebToken token;
        try
        {
            token = TokenHandler.ReadJsonWebToken(idToken);
        }
        catch (ArgumentException)
        {
            return true;
        }

        return token.IsEncrypted || AllowedAlgorithms.Contains(token.Alg, StringComparer.Ordinal);
    }

    private static bool FixedTimeEquals(string? left, string right)
        => left is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));
}
