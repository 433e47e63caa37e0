using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore.Flow;

/// <summary>
/// Writes, reads and removes the flow cookies: data-protected, HttpOnly, SameSite=Lax, scoped to the handler's paths,
/// and no longer-lived than the flow. A challenge writes only the start cookie (where to return); the flow cookie itself
/// is written when a code is sent. So a challenge from another tab or a background request replaces a sign-in that has
/// not sent a code yet, never one that has.
/// </summary>
internal static class SmsOtpFlowCookie
{
    /// <summary>The suffix of the start cookie's name.</summary>
    public const string StartSuffix = ".Start";

    // A protected flow is well under 1 KiB; a larger cookie is not ours.
    private const int MaxCookieLength = 3500;

    public static SmsOtpFlowReadResult Read(HttpContext context, MosaicSmsOtpOptions options, DateTimeOffset now, bool start = false)
    {
        var value = context.Request.Cookies[NameOf(options, start)];
        if (string.IsNullOrEmpty(value))
        {
            return new(null, SmsOtpFlowProblem.Missing);
        }

        var flow = value.Length > MaxCookieLength ? null : options.FlowFormat!.Unprotect(value);
        if (flow is null)
        {
            return new(null, SmsOtpFlowProblem.Unreadable);
        }

        return flow.IsExpired(now, options.FlowLifetime) ? new(null, SmsOtpFlowProblem.Expired) : new(flow, SmsOtpFlowProblem.None);
    }

    public static void Write(HttpContext context, MosaicSmsOtpOptions options, SmsOtpFlow flow, bool start = false)
    {
        var protectedFlow = options.FlowFormat!.Protect(flow);
        if (protectedFlow.Length > MaxCookieLength)
        {
            // It would be written, then refused on the way back as unreadable; say what makes it large instead.
            throw new InvalidOperationException($"The sign-in flow cookie would be {protectedFlow.Length} characters, over the {MaxCookieLength} the handler reads back. Keep AuthenticationProperties.Items small when challenging the {MosaicSmsOtpDefaults.AuthenticationScheme} scheme.");
        }

        var cookieOptions = Build(context, options);
        cookieOptions.Expires = flow.CreatedAt + options.FlowLifetime;
        context.Response.Cookies.Append(NameOf(options, start), protectedFlow, cookieOptions);
    }

    public static void Delete(HttpContext context, MosaicSmsOtpOptions options, bool start = false)
        => context.Response.Cookies.Delete(NameOf(options, start), Build(context, options));

    private static string NameOf(MosaicSmsOtpOptions options, bool start) => start ? options.FlowCookie.Name + StartSuffix : options.FlowCookie.Name!;

    private static CookieOptions Build(HttpContext context, MosaicSmsOtpOptions options)
    {
        var cookieOptions = options.FlowCookie.Build(context);
        if (options.FlowCookie.Path is null)
        {
            // The path base the app was reached under, as the platform's own cookies use: inside app.Map("/x") the
            // request's PathBase is /x, but the handler's pages are served from the original one.
            var pathBase = context.Features.Get<IAuthenticationFeature>()?.OriginalPathBase ?? context.Request.PathBase;
            cookieOptions.Path = (pathBase + options.FlowCookiePath).Value;
        }

        return cookieOptions;
    }
}
