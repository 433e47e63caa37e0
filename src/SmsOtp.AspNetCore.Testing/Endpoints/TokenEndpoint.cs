using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using SmsOtp.AspNetCore.Testing.Diagnostics;
using SmsOtp.AspNetCore.Testing.Faults;
using SmsOtp.AspNetCore.Testing.Hosting;
using SmsOtp.AspNetCore.Testing.State;
using SmsOtp.AspNetCore.Testing.Tokens;

namespace SmsOtp.AspNetCore.Testing.Endpoints;

/// <summary>
/// <c>POST /oidc/token</c> (and <c>/cis/oidc/token</c>): client credentials, authorization code (with PKCE) and refresh.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();

        // RFC 6749 §5.1: token responses, errors included, are not to be cached.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        var result = await ProcessAsync(context, runtime).ConfigureAwait(false);
        if (result is not null)
        {
            await result.ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    private static async Task<IResult?> ProcessAsync(HttpContext context, EmulatorRuntime runtime)
    {
        if (!context.Request.HasFormContentType)
        {
            return EmulatorResponses.OAuthError("invalid_request", "only application/x-www-form-urlencoded requests are accepted");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var grantType = form["grant_type"].ToString();
        MosaicEmulatorEndpoint? endpoint = grantType switch
        {
            "client_credentials" => MosaicEmulatorEndpoint.TokenClientCredentials,
            "authorization_code" => MosaicEmulatorEndpoint.TokenAuthorizationCode,
            "refresh_token" => MosaicEmulatorEndpoint.TokenRefresh,
            _ => null,
        };
        if (endpoint is { } known && await FaultInjector.ApplyAsync(runtime, known, context).ConfigureAwait(false))
        {
            return null;
        }

        // RFC 6749 §3.2 and §5.2: a missing or repeated parameter is invalid_request, before anything else is judged.
        if (ClientAuthentication.RepeatedParameter(form) is { } repeated)
        {
            return EmulatorResponses.OAuthError("invalid_request", repeated + " must not be repeated");
        }

        if (grantType.Length == 0)
        {
            return EmulatorResponses.OAuthError("invalid_request", "grant_type is missing");
        }

        var (client, refusal) = ClientAuthentication.Authenticate(context, runtime, form);
        if (client is null)
        {
            return refusal;
        }

        return endpoint switch
        {
            MosaicEmulatorEndpoint.TokenClientCredentials => ClientCredentials(runtime, client),
            MosaicEmulatorEndpoint.TokenAuthorizationCode => AuthorizationCode(runtime, client, form),
            MosaicEmulatorEndpoint.TokenRefresh => Refresh(runtime, client, form),
            _ => EmulatorResponses.OAuthError("unsupported_grant_type", "unsupported grant_type requested"),
        };
    }

    private static IResult ClientCredentials(EmulatorRuntime runtime, MosaicEmulatorClient client)
    {
        EmulatorLog.TokensIssued(runtime.Logger, client.ClientId, "client_credentials");
        return EmulatorResponses.Json(new Dictionary<string, object>
        {
            ["access_token"] = runtime.Tokens.CreateClientAccessToken(client),
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)TokenFactory.TokenLifetime.TotalSeconds,
            ["scope"] = TokenFactory.DefaultScope,
        });
    }

    private static IResult AuthorizationCode(EmulatorRuntime runtime, MosaicEmulatorClient client, IFormCollection form)
    {
        // Taken (removed) on first presentation: a code is single use even when the attempt fails.
        var code = form["code"].ToString();
        if (code.Length == 0)
        {
            return EmulatorResponses.OAuthError("invalid_request", "code is missing");
        }

        if (runtime.Codes.TryTake(code, out var stored) != StoreLookup.Found || stored is null
            || !string.Equals(stored.Grant.ClientId, client.ClientId, StringComparison.Ordinal)
            || !string.Equals(stored.RedirectUri, form["redirect_uri"].ToString(), StringComparison.Ordinal)
            || !VerifyPkce(stored.CodeChallenge, form["code_verifier"].ToString()))
        {
            return InvalidGrant(runtime, client);
        }

        return IssueUserTokens(runtime, client, stored.Grant, includeNonce: true, "authorization_code");
    }

    private static IResult Refresh(EmulatorRuntime runtime, MosaicEmulatorClient client, IFormCollection form)
    {
        var token = form["refresh_token"].ToString();
        if (token.Length == 0)
        {
            return EmulatorResponses.OAuthError("invalid_request", "refresh_token is missing");
        }

        if (runtime.RefreshTokens.TryTake(token, out var stored) != StoreLookup.Found || stored is null
            || !string.Equals(stored.Grant.ClientId, client.ClientId, StringComparison.Ordinal))
        {
            return InvalidGrant(runtime, client);
        }

        return IssueUserTokens(runtime, client, stored.Grant, includeNonce: false, "refresh_token");
    }

    private static IResult IssueUserTokens(EmulatorRuntime runtime, MosaicEmulatorClient client, UserGrant grant, bool includeNonce, string grantType)
    {
        var accessToken = runtime.Tokens.CreateUserAccessToken(client, grant);
        var idToken = runtime.Tokens.CreateIdToken(client, grant, accessToken, includeNonce);
        var refreshToken = EmulatorRuntime.CreateOpaqueToken();

        // The refreshed grant no longer reports a sign-up: the user exists by now.
        runtime.RefreshTokens.Add(refreshToken, new RefreshGrant(grant with { NewUser = false, Nonce = null }), runtime.TimeProvider.GetUtcNow() + EmulatorRuntime.RefreshTokenLifetime);
        EmulatorLog.TokensIssued(runtime.Logger, client.ClientId, grantType);
        return EmulatorResponses.Json(new Dictionary<string, object>
        {
            ["access_token"] = accessToken,
            ["id_token"] = idToken,
            ["refresh_token"] = refreshToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)TokenFactory.TokenLifetime.TotalSeconds,
            ["scope"] = grant.Scope,
        });
    }

    private static IResult InvalidGrant(EmulatorRuntime runtime, MosaicEmulatorClient client)
    {
        EmulatorLog.TokenRequestRefused(runtime.Logger, client.ClientId, "invalid_grant");
        return EmulatorResponses.OAuthError("invalid_grant", "grant request is invalid");
    }

    /// <summary>RFC 7636 S256. Codes issued without a challenge (the SMS result flow) need no verifier.</summary>
    private static bool VerifyPkce(string? challenge, string verifier)
    {
        if (challenge is null)
        {
            return true;
        }

        if (verifier.Length is < 43 or > 128)
        {
            return false;
        }

        var computed = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }
}
