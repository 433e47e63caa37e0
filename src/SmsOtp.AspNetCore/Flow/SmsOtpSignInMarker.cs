using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore.Flow;

/// <summary>
/// A short-lived cookie the callback leaves behind: "this browser has just completed a sign-in". The first request that
/// is authenticated by the sign-in scheme removes it; a challenge that still finds it means the session cookie did not
/// stick (not stored, or not read), and the handler says so instead of sending the person round the sign-in again.
/// </summary>
internal static class SmsOtpSignInMarker
{
    /// <summary>How long after a callback a challenge counts as "right after": the redirect back takes a second.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(2);

    private const string Suffix = ".Done";

    public static void Write(HttpContext context, MosaicSmsOtpOptions options, DateTimeOffset now)
    {
        var cookie = Build(context, options);
        cookie.Expires = now + Window;
        context.Response.Cookies.Append(NameOf(options), now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), cookie);
    }

    public static bool IsPresent(HttpContext context, MosaicSmsOtpOptions options) => context.Request.Cookies.ContainsKey(NameOf(options));

    /// <summary>Whether the browser completed a sign-in within <see cref="Window"/> before <paramref name="now"/>.</summary>
    public static bool IsFresh(HttpContext context, MosaicSmsOtpOptions options, DateTimeOffset now)
        => long.TryParse(context.Request.Cookies[NameOf(options)], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
           && now - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds())) is var age
           && age >= TimeSpan.Zero && age <= Window;

    public static void Delete(HttpContext context, MosaicSmsOtpOptions options) => context.Response.Cookies.Delete(NameOf(options), Build(context, options));

    private static string NameOf(MosaicSmsOtpOptions options) => options.FlowCookie.Name + Suffix;

    private static CookieOptions Build(HttpContext context, MosaicSmsOtpOptions options)
    {
        var cookie = options.FlowCookie.Build(context);
        // Seen on the app's pages, where challenges happen, not only on the handler's own paths.
        cookie.Path = ((context.Features.Get<IAuthenticationFeature>()?.OriginalPathBase ?? context.Request.PathBase).Value is { Length: > 0 } pathBase) ? pathBase : "/";
        return cookie;
    }
}
