using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SmsOtp.AspNetCore.Requests;

/// <summary>
/// Whether the flow cookie a send would write can come back at all. Browsers drop a <c>Secure</c> cookie set for a page
/// they opened over plain <c>http://</c> (loopback hosts excepted, which they treat as secure): the SMS would be paid
/// for and the person silently sent back to the phone page. The <c>Origin</c> (else the <c>Referer</c>) is the browser's
/// own view of the scheme, right behind a TLS-terminating proxy too, where the request itself arrives over http.
/// </summary>
internal static class InsecureBrowserOrigin
{
    /// <summary>The browser's origin when it is plain http on a non-loopback host and the flow cookie is Secure; else null.</summary>
    public static Uri? Find(HttpContext context, MosaicSmsOtpOptions options)
    {
        var request = context.Request;
        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length == 0)
        {
            origin = request.Headers[HeaderNames.Referer].ToString();
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || IsLoopback(uri))
        {
            return null;
        }

        return options.FlowCookie.Build(context).Secure ? uri : null;
    }

    private static bool IsLoopback(Uri uri)
        => uri.IsLoopback
           || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
           || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
