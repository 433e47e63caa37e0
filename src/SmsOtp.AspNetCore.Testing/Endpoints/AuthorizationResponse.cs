using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using SmsOtp.AspNetCore.Testing.Diagnostics;
using SmsOtp.AspNetCore.Testing.Hosting;
using SmsOtp.AspNetCore.Testing.State;

namespace SmsOtp.AspNetCore.Testing.Endpoints;

/// <summary>
/// Ends an authorization: issues the code, opens the SSO session, and sends the browser back to the client
/// (303 with a query, or an auto-submitted form for <c>response_mode=form_post</c>).
/// </summary>
internal static class AuthorizationResponse
{
    public const string SessionCookieName = "idp_session";

    public static async Task SucceedAsync(HttpContext context, EmulatorRuntime runtime, UserGrant grant, string redirectUri, string? state, string? codeChallenge, bool formPost)
    {
        var now = runtime.TimeProvider.GetUtcNow();
        var code = EmulatorRuntime.CreateOpaqueToken();
        runtime.Codes.Add(code, new AuthorizationCode(grant, redirectUri, codeChallenge), now + EmulatorRuntime.AuthorizationCodeLifetime);

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

        EmulatorLog.CodeIssued(runtime.Logger, EmulatorLog.Mask(grant.PhoneNumber));
        await RespondAsync(context, redirectUri, [new("code", code), new("state", state)], formPost).ConfigureAwait(false);
    }

    public static Task FailAsync(HttpContext context, EmulatorRuntime runtime, string redirectUri, string? state, string error, string description, bool formPost)
    {
        EmulatorLog.AuthorizationRefused(runtime.Logger, error);
        return RespondAsync(context, redirectUri, [new("error", error), new("error_description", description), new("state", state)], formPost);
    }

    public static IdpSession? FindSession(HttpContext context, EmulatorRuntime runtime) =>
        context.Request.Cookies.TryGetValue(SessionCookieName, out var id) && runtime.Sessions.TryGet(id, out var session) ? session : null;

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
