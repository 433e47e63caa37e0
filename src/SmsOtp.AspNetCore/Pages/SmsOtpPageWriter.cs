using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SmsOtp.AspNetCore.Pages;

/// <summary>Writes a built-in page with the headers every one of them needs.</summary>
internal static class SmsOtpPageWriter
{
    public static Task WriteAsync(HttpContext context, int statusCode, string html, MosaicSmsOtpOptions options)
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
        // The code form's answer redirects to Mosaic, and browsers apply form-action to that redirect too.
        var formTargets = options.EffectiveBaseUrl.GetLeftPart(UriPartial.Authority);
        if (options.RedirectUri is { IsAbsoluteUri: true } publicUri)
        {
            formTargets += " " + publicUri.GetLeftPart(UriPartial.Authority);
        }

        headers[HeaderNames.ContentSecurityPolicy] = $"default-src 'none'; style-src 'unsafe-inline'; form-action 'self' {formTargets}; frame-ancestors 'none'; base-uri 'none'";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.WriteAsync(html, context.RequestAborted);
    }
}
