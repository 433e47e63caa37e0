using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmsOtp.AspNetCore.Testing.Diagnostics;
using SmsOtp.AspNetCore.Testing.Faults;
using SmsOtp.AspNetCore.Testing.HostedLogin;
using SmsOtp.AspNetCore.Testing.Hosting;
using SmsOtp.AspNetCore.Testing.State;

namespace SmsOtp.AspNetCore.Testing.Endpoints;

/// <summary>
/// <c>GET /cis/oidc/auth</c> (and <c>/oidc/auth</c>): redeems a login ticket from the SMS validation <c>result</c>, or
/// serves a standard OIDC authorization request with the hosted login page.
/// </summary>
internal static class AuthorizeEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        if (await FaultInjector.ApplyAsync(runtime, MosaicEmulatorEndpoint.Authorize, context).ConfigureAwait(false))
        {
            return;
        }

        var query = context.Request.Query;
        if (query.ContainsKey("login_ticket"))
        {
            await RedeemTicketAsync(context, runtime).ConfigureAwait(false);
        }
        else
        {
            await AuthorizeAsync(context, runtime).ConfigureAwait(false);
        }
    }

    private static async Task RedeemTicketAsync(HttpContext context, EmulatorRuntime runtime)
    {
        var query = context.Request.Query;
        var clientId = query["client_id"].ToString();
        var state = query["state"].ToString() is { Length: > 0 } s ? s : null;
        var lookup = runtime.Tickets.TryTake(query["login_ticket"].ToString(), out var ticket);
        if (lookup == StoreLookup.Found && ticket is not null && string.Equals(ticket.Grant.ClientId, clientId, StringComparison.Ordinal))
        {
            if (ticket.IdTokenResponse)
            {
                await AuthorizationResponse.SucceedWithIdTokenAsync(context, runtime, ticket.Grant, ticket.RedirectUri, state).ConfigureAwait(false);
                return;
            }

            await AuthorizationResponse.SucceedAsync(context, runtime, ticket.Grant, ticket.RedirectUri, state, codeChallenge: null, formPost: false).ConfigureAwait(false);
            return;
        }

        // An expired ticket still names its redirect URI; otherwise trust only a redirect_uri registered for the client.
        var redirectUri = lookup == StoreLookup.Expired && ticket is not null && string.Equals(ticket.Grant.ClientId, clientId, StringComparison.Ordinal)
            ? ticket.RedirectUri
            : runtime.FindClient(clientId) is { } client && EmulatorRuntime.IsRedirectUriAllowed(client, query["redirect_uri"], EmulatorUrls.GetHost(context, runtime.Options))
                ? query["redirect_uri"].ToString()
                : null;
        var description = lookup == StoreLookup.Expired ? "login ticket expired" : "login ticket is invalid or was already used";
        if (redirectUri is null)
        {
            EmulatorLog.AuthorizationRefused(runtime.Logger, "invalid login ticket");
            await EmulatorResponses.Error(StatusCodes.Status400BadRequest, description).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await AuthorizationResponse.FailAsync(context, runtime, redirectUri, state, "access_denied", description, formPost: false).ConfigureAwait(false);
    }

    private static async Task AuthorizeAsync(HttpContext context, EmulatorRuntime runtime)
    {
        var query = context.Request.Query;
        var client = runtime.FindClient(query["client_id"]);
        var redirectUri = query["redirect_uri"].ToString();
        if (client is null || !EmulatorRuntime.IsRedirectUriAllowed(client, redirectUri, EmulatorUrls.GetHost(context, runtime.Options)))
        {
            // No redirect URI can be trusted: answer the browser directly (RFC 6749 §4.1.2.1).
            EmulatorLog.AuthorizationRefused(runtime.Logger, "unknown client or redirect_uri");
            await EmulatorResponses.BadRequest([client is null ? "client_id is invalid" : "redirect_uri is not allowed for the client"]).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var state = query["state"].ToString() is { Length: > 0 } s ? s : null;
        var formPost = string.Equals(query["response_mode"], "form_post", StringComparison.Ordinal);
        if (query["response_type"].ToString().Length == 0)
        {
            await AuthorizationResponse.FailAsync(context, runtime, redirectUri, state, "invalid_request", "response_type is missing", formPost).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(query["response_type"], "code", StringComparison.Ordinal))
        {
            await AuthorizationResponse.FailAsync(context, runtime, redirectUri, state, "unsupported_response_type", "only response_type=code is supported", formPost).ConfigureAwait(false);
            return;
        }

        var challenge = query["code_challenge"].ToString() is { Length: > 0 } c ? c : null;
        if (challenge is not null && !string.Equals(query["code_challenge_method"], "S256", StringComparison.Ordinal))
        {
            await AuthorizationResponse.FailAsync(context, runtime, redirectUri, state, "invalid_request", "only code_challenge_method=S256 is supported", formPost).ConfigureAwait(false);
            return;
        }

        IReadOnlySet<string> requestedClaims = new HashSet<string>();
        if (query["claims"].ToString() is { Length: > 0 } claimsJson)
        {
            try
            {
                using var claims = JsonDocument.Parse(claimsJson);
                requestedClaims = OneTimeLoginEndpoints.ReadRequestedClaims(claims.RootElement);
            }
            catch (JsonException)
            {
                await AuthorizationResponse.FailAsync(context, runtime, redirectUri, state, "invalid_request", "claims must be a JSON object", formPost).ConfigureAwait(false);
                return;
            }
        }

        var scope = query["scope"].ToString() is { Length: > 0 } requestedScope ? requestedScope : "openid";
        var request = new AuthorizationRequest(client, redirectUri, state, query["nonce"].ToString() is { Length: > 0 } n ? n : null, scope, challenge, formPost, requestedClaims);
        var prompt = query["prompt"].ToString();
        if (AuthorizationResponse.TryFindSession(context, runtime, out var sessionId, out var session) && !prompt.Contains("login", StringComparison.Ordinal))
        {
            var grant = new UserGrant(client.ClientId, session.UserId, session.PhoneNumber, session.AuthTime, NewUser: false, requestedClaims, ApprovalData: null)
            {
                Nonce = request.Nonce,
                Scope = scope,
            };
            await AuthorizationResponse.SucceedAsync(context, runtime, grant, redirectUri, state, challenge, formPost, riddenSessionId: sessionId).ConfigureAwait(false);
            return;
        }

        if (prompt.Contains("none", StringComparison.Ordinal))
        {
            await AuthorizationResponse.FailAsync(context, runtime, redirectUri, state, "login_required", "end-user authentication is required", formPost).ConfigureAwait(false);
            return;
        }

        await HostedLoginEndpoints.StartAsync(context, runtime, request).ConfigureAwait(false);
    }
}
