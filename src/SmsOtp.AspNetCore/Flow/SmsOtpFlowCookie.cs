using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore.Flow;

/// <summary>
/// Writes, reads and removes the flow cookies: data-protected, HttpOnly, SameSite=Lax, and no longer-lived than the flow.
/// A challenge writes only the start cookie (where to return); the flow cookie itself is written when a code is sent. So
/// a challenge from another tab or a background request replaces a sign-in that has not sent a code yet, never one that
/// has.
/// </summary>
/// <remarks>
/// A name with the <c>__Host-</c> prefix (the default) is written, whenever the cookie is Secure, with <c>Path=/</c> and no
/// <c>Domain</c>, as browsers require: a sibling subdomain can then neither set nor overwrite it, so it cannot plant
/// its own flow in the victim's browser (cookie tossing, checklist B-46). Over plain HTTP (local development with
/// <see cref="CookieSecurePolicy.SameAsRequest"/>) browsers refuse the prefix, so the cookie goes without it, scoped to
/// the handler's paths; a name without the prefix is always scoped so.
/// </remarks>
internal static class SmsOtpFlowCookie
{
    /// <summary>The suffix of the start cookie's name.</summary>
    public const string StartSuffix = ".Start";

    /// <summary>The suffix of the code-accepted mark's name.</summary>
    public const string CodeAcceptedSuffix = ".Accepted";

    /// <summary>The cookie prefix that binds a cookie to this host (RFC 6265bis §4.1.3.2).</summary>
    public const string HostPrefix = "__Host-";

    private static readonly byte[] CodeAcceptedLabel = Encoding.ASCII.GetBytes("SmsOtp.AspNetCore.CodeAccepted.v1\0");

    // A protected flow is well under 1 KiB; a larger cookie is not ours. Browsers keep at most 4096 bytes per cookie.
    private const int MaxCookieLength = 3500;

    public static SmsOtpFlowReadResult Read(HttpContext context, MosaicSmsOtpOptions options, DateTimeOffset now, bool start = false)
    {
        var value = RawValue(context, options, start);
        if (value is null)
        {
            return new(null, SmsOtpFlowProblem.Missing);
        }

        var flow = value.Length > MaxCookieLength ? null : options.FlowFormat!.Unprotect(value);
        if (flow is null)
        {
            return new(null, SmsOtpFlowProblem.Unreadable);
        }

        return flow.IsExpired(now, options.FlowLifetime) ? new(null, SmsOtpFlowProblem.Expired, value) : new(flow, SmsOtpFlowProblem.None, value);
    }

    /// <summary>The cookie as it came, not unprotected (so not yet trusted); null when absent or empty.</summary>
    public static string? RawValue(HttpContext context, MosaicSmsOtpOptions options, bool start)
        => context.Request.Cookies[NameOf(context, options, start)] is { Length: > 0 } value ? value : null;

    /// <summary>
    /// The flow as its cookie value, or null when it would be too large to come back (checklist B-38): the caller decides
    /// what to drop before anything is sent.
    /// </summary>
    public static string? TryProtect(MosaicSmsOtpOptions options, SmsOtpFlow flow)
    {
        var protectedFlow = options.FlowFormat!.Protect(flow);
        return protectedFlow.Length > MaxCookieLength ? null : protectedFlow;
    }

    /// <summary>
    /// Protects the flow for its cookie, replacing a return URL that makes it too large by <paramref name="root"/>
    /// (checklist B-38). Null when even that does not fit: the app's AuthenticationProperties.Items are too large.
    /// </summary>
    public static string? ProtectToFit(MosaicSmsOtpOptions options, SmsOtpFlow flow, string root, out bool returnUrlReplaced)
    {
        returnUrlReplaced = false;
        if (TryProtect(options, flow) is { } fits)
        {
            return fits;
        }

        if (flow.Properties.RedirectUri == root)
        {
            return null;
        }

        flow.Properties.RedirectUri = root;
        returnUrlReplaced = true;
        return TryProtect(options, flow);
    }

    /// <summary>Writes a flow protected by <see cref="TryProtect"/>.</summary>
    public static void Write(HttpContext context, MosaicSmsOtpOptions options, SmsOtpFlow flow, string protectedFlow, bool start = false)
    {
        var cookieOptions = Build(context, options);
        cookieOptions.Expires = flow.CreatedAt + options.FlowLifetime;
        context.Response.Cookies.Append(NameOf(context, options, start), protectedFlow, cookieOptions);
    }

    public static void Delete(HttpContext context, MosaicSmsOtpOptions options, bool start = false)
        => context.Response.Cookies.Delete(NameOf(context, options, start), Build(context, options));

    /// <summary>
    /// Marks the flow whose cookie value is <paramref name="flowCookieValue"/> as having its code accepted (checklist
    /// B-44): a second cookie holding a digest of the flow cookie, so the flow cookie stays as it is (no Data
    /// Protection operation) and the mark counts for that flow only.
    /// </summary>
    public static void WriteCodeAccepted(HttpContext context, MosaicSmsOtpOptions options, SmsOtpFlow flow, string flowCookieValue)
    {
        var cookieOptions = Build(context, options);
        cookieOptions.Expires = flow.CreatedAt + options.FlowLifetime;
        context.Response.Cookies.Append(NameOf(context, options) + CodeAcceptedSuffix, CodeAcceptedMark(flowCookieValue), cookieOptions);
    }

    /// <summary>Whether the request carries the code-accepted mark of the flow whose cookie value is <paramref name="flowCookieValue"/>.</summary>
    public static bool IsCodeAccepted(HttpContext context, MosaicSmsOtpOptions options, string flowCookieValue)
        => context.Request.Cookies[NameOf(context, options) + CodeAcceptedSuffix] is { } mark
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(mark), Encoding.ASCII.GetBytes(CodeAcceptedMark(flowCookieValue)));

    public static void DeleteCodeAccepted(HttpContext context, MosaicSmsOtpOptions options)
        => context.Response.Cookies.Delete(NameOf(context, options) + CodeAcceptedSuffix, Build(context, options));

    private static string CodeAcceptedMark(string flowCookieValue)
    {
        Span<byte> digest = stackalloc byte[SmsOtpCookieDigest.Size];
        SmsOtpCookieDigest.Compute(CodeAcceptedLabel, flowCookieValue, digest);
        return Base64Url.EncodeToString(digest);
    }

    /// <summary>The cookie's name on this request: the configured one, without <c>__Host-</c> where the cookie cannot be Secure.</summary>
    public static string NameOf(HttpContext context, MosaicSmsOtpOptions options, bool start = false)
    {
        var name = options.FlowCookie.Name!;
        if (IsHostPrefixed(options) && !options.FlowCookie.Build(context).Secure)
        {
            name = name[HostPrefix.Length..];
        }

        return start ? name + StartSuffix : name;
    }

    private static bool IsHostPrefixed(MosaicSmsOtpOptions options) => options.FlowCookie.Name!.StartsWith(HostPrefix, StringComparison.Ordinal);

    private static CookieOptions Build(HttpContext context, MosaicSmsOtpOptions options)
    {
        var cookieOptions = options.FlowCookie.Build(context);
        if (IsHostPrefixed(options) && cookieOptions.Secure)
        {
            // What browsers require of a __Host- cookie; the options validator refuses a Domain or another Path.
            cookieOptions.Path = "/";
            cookieOptions.Domain = null;
        }
        else if (options.FlowCookie.Path is null)
        {
            // The path base the app was reached under, as the platform's own cookies use: inside app.Map("/x") the
            // request's PathBase is /x, but the handler's pages are served from the original one.
            var pathBase = context.Features.Get<IAuthenticationFeature>()?.OriginalPathBase ?? context.Request.PathBase;
            cookieOptions.Path = (pathBase + options.FlowCookiePath).Value;
        }

        return cookieOptions;
    }
}
