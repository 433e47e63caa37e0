using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmsOtp.AspNetCore.Testing.Faults;
using SmsOtp.AspNetCore.Testing.Hosting;

namespace SmsOtp.AspNetCore.Testing.Endpoints;

/// <summary>
/// <c>POST /oidc/token/revocation</c> (and <c>/cis/oidc/token/revocation</c>), RFC 7009: revokes a refresh token or an
/// access token of the authenticated client. Unknown, foreign or already revoked tokens also get 200 (§2.2).
/// </summary>
internal static class RevocationEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        if (await FaultInjector.ApplyAsync(runtime, MosaicEmulatorEndpoint.Revocation, context).ConfigureAwait(false))
        {
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        if (!context.Request.HasFormContentType)
        {
            await EmulatorResponses.OAuthError("invalid_request", "only application/x-www-form-urlencoded requests are accepted").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var (client, refusal) = ClientAuthentication.Authenticate(context, runtime, form);
        if (client is null)
        {
            await refusal!.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var token = form["token"].ToString();
        if (ClientAuthentication.RepeatedParameter(form) is not null || token.Length == 0)
        {
            await EmulatorResponses.OAuthError("invalid_request", "token is missing or repeated").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // The hint is only a hint (§2.1): try refresh tokens, then access tokens, whatever it says.
        if (runtime.RefreshTokens.TryGet(token, out var refresh) && refresh is not null
            && string.Equals(refresh.Grant.ClientId, client.ClientId, StringComparison.Ordinal))
        {
            runtime.RefreshTokens.Remove(token);
        }
        else
        {
            await runtime.Tokens.RevokeAccessTokenAsync(token, client.ClientId).ConfigureAwait(false);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
