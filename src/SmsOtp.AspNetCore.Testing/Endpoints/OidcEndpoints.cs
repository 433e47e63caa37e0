using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using SmsOtp.AspNetCore.Testing.Faults;
using SmsOtp.AspNetCore.Testing.Hosting;

namespace SmsOtp.AspNetCore.Testing.Endpoints;

/// <summary>
/// Mosaic's OIDC metadata group: discovery, JWKS and userinfo. (Authorization is in <see cref="AuthorizeEndpoint"/>.)
/// </summary>
internal static class OidcEndpoints
{
    public static async Task DiscoveryAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        if (await FaultInjector.ApplyAsync(runtime, MosaicEmulatorEndpoint.Discovery, context).ConfigureAwait(false))
        {
            return;
        }

        var root = EmulatorUrls.GetBase(context, runtime.Options);
        var document = new Dictionary<string, object>
        {
            ["issuer"] = runtime.Options.Issuer,
            ["authorization_endpoint"] = root + "/cis/oidc/auth",
            ["token_endpoint"] = root + "/oidc/token",
            ["userinfo_endpoint"] = root + "/cis/oidc/me",
            ["jwks_uri"] = root + "/cis/oidc/jwks",
            ["revocation_endpoint"] = root + "/oidc/token/revocation",
            ["revocation_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["grant_types_supported"] = new[] { "authorization_code", "client_credentials", "refresh_token" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["scopes_supported"] = new[] { "openid", "email", "phone", "offline_access" },
            ["claims_supported"] = new[] { "sub", "iss", "aud", "exp", "iat", "auth_time", "amr", "nonce", "tid", "phone_number", "phone_number_verified", "new_user", "approval_data" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["claims_parameter_supported"] = true,
        };
        await EmulatorResponses.Json(document).ExecuteAsync(context).ConfigureAwait(false);
    }

    public static async Task JwksAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        if (await FaultInjector.ApplyAsync(runtime, MosaicEmulatorEndpoint.Jwks, context).ConfigureAwait(false))
        {
            return;
        }

        var keys = runtime.Keys.Published.Select(key =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
            return new Dictionary<string, string>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = key.KeyId,
                ["alg"] = "RS256",
                ["e"] = jwk.E,
                ["n"] = jwk.N,
            };
        }).ToList();
        if (runtime.Options.AccessTokenSigningAlgorithm == "ES256")
        {
            var ec = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(runtime.Keys.AccessTokenKey);
            keys.Add(new Dictionary<string, string>
            {
                ["kty"] = "EC",
                ["use"] = "sig",
                ["kid"] = runtime.Keys.AccessTokenKeyId,
                ["alg"] = "ES256",
                ["crv"] = "P-256",
                ["x"] = ec.X,
                ["y"] = ec.Y,
            });
        }

        await EmulatorResponses.Json(new Dictionary<string, object> { ["keys"] = keys }).ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>OIDC Core §5.3.1: GET or POST; the token as a Bearer header or, on POST, a form field (RFC 6750 §2.2).</summary>
    public static async Task UserInfoAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        if (await FaultInjector.ApplyAsync(runtime, MosaicEmulatorEndpoint.UserInfo, context).ConfigureAwait(false))
        {
            return;
        }

        var bearer = await EmulatorResponses.ReadBearerTokenAsync(context.Request).ConfigureAwait(false);
        var token = await runtime.Tokens.ValidateAccessTokenAsync(bearer).ConfigureAwait(false);
        var phoneNumber = token is { IsClientToken: false } ? runtime.Users.FindPhone(token.Subject) : null;
        if (token is null || phoneNumber is null)
        {
            // RFC 6750 §3.1: a request without a token gets the challenge but no error code.
            context.Response.Headers.WWWAuthenticate = bearer is null ? "Bearer realm=\"mosaic\"" : "Bearer realm=\"mosaic\", error=\"invalid_token\"";
            await EmulatorResponses.InvalidToken().ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await EmulatorResponses.Json(new Dictionary<string, object>
        {
            ["sub"] = token.Subject,
            ["phone_number"] = phoneNumber,
            ["phone_number_verified"] = true,
        }).ExecuteAsync(context).ConfigureAwait(false);
    }
}
