using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore.Flow;

/// <summary>
/// Writes, reads and removes the flow cookie: data-protected, HttpOnly, SameSite=Lax, scoped to the handler's paths,
/// and no longer-lived than the flow.
/// </summary>
internal static class SmsOtpFlowCookie
{
    // A protected flow is well under 1 KiB; a larger cookie is not ours.
    private const int MaxCookieLength = 3500;

    public static SmsOtpFlowReadResult Read(HttpContext context, MosaicSmsOtpOptions options, DateTimeOffset now)
    {
        var value = context.Request.Cookies[options.FlowCookie.Name!];
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

    public static void Write(HttpContext context, MosaicSmsOtpOptions options, SmsOtpFlow flow)
    {
        var cookieOptions = Build(context, options);
        cookieOptions.Expires = flow.CreatedAt + options.FlowLifetime;
        context.Response.Cookies.Append(options.FlowCookie.Name!, options.FlowFormat!.Protect(flow), cookieOptions);
    }

    public static void Delete(HttpContext context, MosaicSmsOtpOptions options)
        => context.Response.Cookies.Delete(options.FlowCookie.Name!, Build(context, options));

    private static CookieOptions Build(HttpContext context, MosaicSmsOtpOptions options)
    {
        var cookieOptions = options.FlowCookie.Build(context);
        if (options.FlowCookie.Path is null)
        {
            cookieOptions.Path = (context.Request.PathBase + options.FlowCookiePath).Value;
        }

        return cookieOptions;
    }
}
