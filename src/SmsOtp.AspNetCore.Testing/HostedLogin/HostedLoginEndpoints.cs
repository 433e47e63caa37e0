using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmsOtp.AspNetCore.Testing.Endpoints;
using SmsOtp.AspNetCore.Testing.Hosting;
using SmsOtp.AspNetCore.Testing.State;

namespace SmsOtp.AspNetCore.Testing.HostedLogin;

/// <summary>
/// The hosted login's form posts, under <c>/cis/oidc/login/{interaction}</c>. Each interaction has a CSRF token that the
/// form carries and that a cookie scoped to the interaction's path carries too (double submit, bound to the interaction).
/// </summary>
internal static class HostedLoginEndpoints
{
    private const string CsrfCookiePrefix = "mosaic_emulator_login_";

    public static async Task StartAsync(HttpContext context, EmulatorRuntime runtime, AuthorizationRequest request)
    {
        var id = EmulatorRuntime.CreateOpaqueToken();
        var interaction = new LoginInteraction(request, EmulatorRuntime.CreateOpaqueToken());
        var expires = runtime.TimeProvider.GetUtcNow() + EmulatorRuntime.InteractionLifetime;
        runtime.Interactions.Add(id, interaction, expires);
        context.Response.Cookies.Append(CsrfCookiePrefix + id, interaction.CsrfToken, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = InteractionPath(context, runtime, id),
            Expires = expires,
        });
        await WriteHtmlAsync(context, HostedLoginPage.PhoneForm(InteractionUrl(context, runtime, id) + "/phone", interaction.CsrfToken, request.Client.AppName, null)).ConfigureAwait(false);
    }

    public static async Task PhoneAsync(HttpContext context, string interactionId)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        var (interaction, form) = await ReadAsync(context, runtime, interactionId).ConfigureAwait(false);
        if (interaction is null || form is null)
        {
            return;
        }

        var request = interaction.Request;
        var action = InteractionUrl(context, runtime, interactionId);
        var phoneNumber = form["phone_number"].ToString().Trim();
        if (!OneTimeLoginEndpoints.E164().IsMatch(phoneNumber))
        {
            await WriteHtmlAsync(context, HostedLoginPage.PhoneForm(action + "/phone", interaction.CsrfToken, request.Client.AppName, "Enter the number in international format, e.g. +16175551212."), StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        // An unknown number may sign up when the client allows it (the hosted page's create_new_user is true).
        if (runtime.Users.Find(phoneNumber) is null && !request.Client.PublicSignUp)
        {
            await WriteHtmlAsync(context, HostedLoginPage.PhoneForm(action + "/phone", interaction.CsrfToken, request.Client.AppName, "This number cannot sign in."), StatusCodes.Status404NotFound).ConfigureAwait(false);
            return;
        }

        interaction.PhoneNumber = phoneNumber;
        OneTimeLoginEndpoints.DeliverCode(runtime, request.Client, phoneNumber, customMessage: null, senderId: null,
            new PendingSend(request.RedirectUri, CreateNewUser: true, request.RequestedClaims, ApprovalData: null));
        await WriteHtmlAsync(context, HostedLoginPage.CodeForm(action + "/code", interaction.CsrfToken, request.Client.AppName, null)).ConfigureAwait(false);
    }

    public static async Task CodeAsync(HttpContext context, string interactionId)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        var (interaction, form) = await ReadAsync(context, runtime, interactionId).ConfigureAwait(false);
        if (interaction is null || form is null)
        {
            return;
        }

        var request = interaction.Request;
        if (interaction.PhoneNumber is not { } phoneNumber)
        {
            await WriteHtmlAsync(context, HostedLoginPage.PhoneForm(InteractionUrl(context, runtime, interactionId) + "/phone", interaction.CsrfToken, request.Client.AppName, "Enter your phone number first."), StatusCodes.Status400BadRequest).ConfigureAwait(false);
            return;
        }

        var (outcome, grant, _) = OneTimeLoginEndpoints.CheckCode(runtime, request.Client, phoneNumber, form["passcode"].ToString().Trim(), request.Nonce);
        if (grant is null)
        {
            var message = outcome switch
            {
                OtpOutcome.Expired => "The code expired. Start again to get a new one.",
                OtpOutcome.Locked or OtpOutcome.InvalidAndLocked => "Too many wrong codes. Try again later.",
                _ => "That code is not right.",
            };
            await WriteHtmlAsync(context, HostedLoginPage.CodeForm(InteractionUrl(context, runtime, interactionId) + "/code", interaction.CsrfToken, request.Client.AppName, message), outcome == OtpOutcome.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden).ConfigureAwait(false);
            return;
        }

        runtime.Interactions.Remove(interactionId);
        context.Response.Cookies.Delete(CsrfCookiePrefix + interactionId, new CookieOptions { Path = InteractionPath(context, runtime, interactionId) });
        await AuthorizationResponse.SucceedAsync(context, runtime, grant with { Scope = request.Scope }, request.RedirectUri, request.State, request.CodeChallenge, request.FormPost).ConfigureAwait(false);
    }

    private static async Task<(LoginInteraction? Interaction, IFormCollection? Form)> ReadAsync(HttpContext context, EmulatorRuntime runtime, string interactionId)
    {
        if (!runtime.Interactions.TryGet(interactionId, out var interaction) || interaction is null)
        {
            await EmulatorResponses.Error(StatusCodes.Status400BadRequest, "The login session expired. Start again from the application.").ExecuteAsync(context).ConfigureAwait(false);
            return (null, null);
        }

        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false) : null;
        var posted = form?["csrf_token"].ToString() ?? string.Empty;
        var cookie = context.Request.Cookies[CsrfCookiePrefix + interactionId] ?? string.Empty;
        if (!SameToken(posted, interaction.CsrfToken) || !SameToken(cookie, interaction.CsrfToken))
        {
            await EmulatorResponses.Error(StatusCodes.Status400BadRequest, "The form is missing its anti-forgery token.").ExecuteAsync(context).ConfigureAwait(false);
            return (null, null);
        }

        return (interaction, form);
    }

    private static bool SameToken(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string InteractionUrl(HttpContext context, EmulatorRuntime runtime, string id) =>
        EmulatorUrls.GetBase(context, runtime.Options) + "/cis/oidc/login/" + id;

    private static string InteractionPath(HttpContext context, EmulatorRuntime runtime, string id) =>
        EmulatorUrls.GetRootPath(context, runtime.Options).TrimEnd('/') + "/cis/oidc/login/" + id;

    private static async Task WriteHtmlAsync(HttpContext context, string html, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Frame-Options"] = "DENY";
        await context.Response.WriteAsync(html, context.RequestAborted).ConfigureAwait(false);
    }
}
