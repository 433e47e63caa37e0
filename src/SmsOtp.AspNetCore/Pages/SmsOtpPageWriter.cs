using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SmsOtp.AspNetCore.Pages;

/// <summary>The headers every built-in page needs.</summary>
internal static class SmsOtpPageWriter
{
    /// <summary>The status and the headers of a page; its body follows (<see cref="SmsOtpPageRenderer"/>).</summary>
    public static void StartResponse(HttpContext context, int statusCode, MosaicSmsOtpOptions options, string scriptNonce)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        var headers = response.Headers;
        headers[HeaderNames.CacheControl] = "no-store";
        // Not no-referrer: under it browsers post the page's forms with "Origin: null" (Fetch standard), which the
        // Origin check must refuse. same-origin still sends nothing to any other site. A stricter policy already set
        // (the callback's no-referrer, whose URL carries a code) stays.
        if (!headers.ContainsKey("Referrer-Policy"))
        {
            headers["Referrer-Policy"] = "same-origin";
        }

        headers[HeaderNames.XFrameOptions] = "DENY";
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy(options, scriptNonce);
    }

    /// <summary>
    /// Nothing but what the page uses: its inline styles (and the app's stylesheet), the app's logo, its one script under
    /// the nonce, and forms to itself and Mosaic.
    /// </summary>
    internal static string ContentSecurityPolicy(MosaicSmsOtpOptions options, string scriptNonce)
    {
        // The code form's answer redirects to Mosaic, and browsers apply form-action to that redirect too.
        var formTargets = options.EffectiveBaseUrl.GetLeftPart(UriPartial.Authority);
        if (options.RedirectUri is { IsAbsoluteUri: true } publicUri)
        {
            formTargets += " " + publicUri.GetLeftPart(UriPartial.Authority);
        }

        var pages = options.Pages;
        var styles = pages.StylesheetUrl is { } stylesheet ? " " + SourceOf(stylesheet) : "";
        var images = pages.LogoUrl is { } logo ? "; img-src " + SourceOf(logo) : "";
        return $"default-src 'none'; style-src 'unsafe-inline'{styles}{images}; script-src 'nonce-{scriptNonce}'; form-action 'self' {formTargets}; frame-ancestors 'none'; base-uri 'none'";
    }

    /// <summary>The CSP source of a URL the options allow: <c>'self'</c> for a local path, else its origin.</summary>
    private static string SourceOf(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "https" or "http"
            ? absolute.GetLeftPart(UriPartial.Authority)
            : "'self'";
}
