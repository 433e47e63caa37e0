using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using SmsOtp.AspNetCore.Testing.Diagnostics;
using SmsOtp.AspNetCore.Testing.Hosting;
using SmsOtp.AspNetCore.Testing.State;

namespace SmsOtp.AspNetCore.Testing.Endpoints;

/// <summary>
/// Ends an authorization: issues the code, opens the SSO session unless the authorization rode one, and sends the
/// browser back to the client (303 with a query, or an auto-submitted form for <c>response_mode=form_post</c>).
/// </summary>
internal static class AuthorizationResponse
{
    public const string SessionCookieName = "idp_session";

    /// <summary>
    /// Issues the code and sends it to the client. <paramref name="riddenSessionId"/> is the SSO session a silent or SSO
    /// authorization signed in with; it is <see langword="null"/> after a login, which opens a session.
    /// </summary>
    public static async Task SucceedAsync(HttpContext context, EmulatorRuntime runtime, UserGrant grant, string redirectUri, string? state, string? codeChallenge, bool formPost, string? riddenSessionId = null)
    {
        var now = runtime.TimeProvider.GetUtcNow();
        var code = EmulatorRuntime.CreateOpaqueToken();
        runtime.Codes.Add(code, new AuthorizationCode(grant, redirectUri, codeChallenge), now + EmulatorRuntime.AuthorizationCodeLifetime);

        // Riding a session keeps it (its cookie already names it): a second one would be counted by logout's sessions_count.
        if (riddenSessionId is null)
        {
            OpenSession(context, runtime, grant);
        }

        EmulatorLog.CodeIssued(runtime.Logger, EmulatorLog.Mask(grant.PhoneNumber));
        await RespondAsync(context, redirectUri, [new("code", code), new("state", state)], formPost).ConfigureAwait(false);
    }

    private static void OpenSession(HttpContext context, EmulatorRuntime runtime, UserGrant grant)
    {
        var now = runtime.TimeProvider.GetUtcNow();
        var sessionId = EmulatorRuntime.CreateOpaqueToken();
        runtime.Sessions.Add(sessionId, new IdpSession(grant.UserId, grant.PhoneNumber, grant.AuthTime), now + EmulatorRuntime.SessionLifetime);
        context.Response.Cookies.Append(SessionCookieName, sessionId, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = EmulatorUrls.GetRootPath(context, runtime.Options),
            Expires = now + EmulatorRuntime.SessionLifetime,
        });
    }

    /// <summary>
    /// <c>response_type=id_token</c> at validation: the ID token goes in the fragment (the default response mode of
    /// <c>id_token</c> in OAuth 2.0 Multiple Response Type Encoding Practices; Mosaic's placement is not documented).
    /// </summary>
    public static Task SucceedWithIdTokenAsync(HttpContext context, EmulatorRuntime runtime, UserGrant grant, string redirectUri, string? state)
    {
        var client = runtime.FindClient(grant.ClientId)!;
        OpenSession(context, runtime, grant);
        var idToken = runtime.Tokens.CreateIdToken(client, grant, accessToken: null, includeNonce: true);
        var fragment = QueryHelpers.AddQueryString(string.Empty, new KeyValuePair<string, string?>[] { new("id_token", idToken), new("state", state) }).TrimStart('?');
        EmulatorLog.CodeIssued(runtime.Logger, EmulatorLog.Mask(grant.PhoneNumber));
        context.Response.Headers.CacheControl = "no-store";
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = redirectUri + "#" + fragment;
        return Task.CompletedTask;
    }

    public static Task FailAsync(HttpContext context, EmulatorRuntime runtime, string redirectUri, string? state, string error, string description, bool formPost)
    {
        EmulatorLog.AuthorizationRefused(runtime.Logger, error);
        return RespondAsync(context, redirectUri, [new("error", error), new("error_description", description), new("state", state)], formPost);
    }

    /// <summary>The live SSO session the request's <c>idp_session</c> cookie names, if any.</summary>
    public static bool TryFindSession(HttpContext context, EmulatorRuntime runtime, [NotNullWhen(true)] out string? sessionId, [NotNullWhen(true)] out IdpSession? session)
    {
        if (context.Request.Cookies.TryGetValue(SessionCookieName, out sessionId) && runtime.Sessions.TryGet(sessionId, out session) && session is not null)
        {
            return true;
        }

        sessionId = null;
        session = null;
        return false;
    }

    private static async Task RespondAsync(HttpContext context, string redirectUri, KeyValuePair<string, string?>[] parameters, bool formPost)
    {
        var present = parameters.Where(pair => pair.Value is not null).ToArray();
        context.Response.Headers.CacheControl = "no-store";
        if (!formPost)
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = QueryHelpers.AddQueryString(redirectUri, present);
            return;
        }

        var html = new StringBuilder("<!DOCTYPE html><html><head><title>Submit</title></head><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"")
            .Append(WebUtility.HtmlEncode(redirectUri)).Append("\">");
        foreach (var (name, value) in present)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name)).Append("\" value=\"").Append(WebUtility.HtmlEncode(value)).Append("\"/>");
        }

        html.Append("<noscript><button type=\"submit\">Continue</button></noscript></form></body></html>");
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html.ToString(), context.RequestAborted).ConfigureAwait(false);
    }
}
