using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using SmsOtp.AspNetCore.Flow;

namespace SmsOtp.AspNetCore.Requests;

/// <summary>
/// What every POST to the handler must pass before anything else happens: a small form body, a same-origin
/// <c>Origin</c>/<c>Referer</c>, and a valid antiforgery token: the built-in forms' token bound to the flow cookie that
/// came with the request (<see cref="SmsOtpFormToken"/>), else the platform's (apps with their own pages post that).
/// </summary>
internal static class SmsOtpPostGuard
{
    private static readonly FormOptions SmallForm = new()
    {
        ValueCountLimit = 16,
        KeyLengthLimit = 64,
        ValueLengthLimit = 4096,
        MultipartBodyLengthLimit = 8 * 1024,
        MultipartHeadersLengthLimit = 4 * 1024,
    };

    /// <param name="context">The request.</param>
    /// <param name="antiforgery">The platform's antiforgery, for forms that carry its token.</param>
    /// <param name="maxBodySize">The largest body read.</param>
    /// <param name="publicRedirectUri">The configured public callback URI, whose origin counts as ours.</param>
    /// <param name="boundCookie">
    /// The protected value of the flow cookie that came with the request and unprotected (so is genuine), which the
    /// built-in form's token must be bound to; null when there is none.
    /// </param>
    public static async Task<SmsOtpPostCheck> CheckAsync(HttpContext context, IAntiforgery antiforgery, long maxBodySize, Uri? publicRedirectUri, string? boundCookie)
    {
        var request = context.Request;
        if (request.ContentLength > maxBodySize)
        {
            return SmsOtpPostCheck.Refuse(StatusCodes.Status413PayloadTooLarge, "the body is larger than MaxRequestBodySize");
        }

        if (!request.HasFormContentType)
        {
            return SmsOtpPostCheck.Refuse(StatusCodes.Status415UnsupportedMediaType, "the body is not a form");
        }

        if (request.Headers[HeaderNames.Origin] == "null")
        {
            // Browsers send this when the page has Referrer-Policy: no-referrer (and from sandboxed frames).
            return SmsOtpPostCheck.Refuse(StatusCodes.Status403Forbidden, "the Origin is 'null': if the form's page sends Referrer-Policy: no-referrer, use same-origin or strict-origin-when-cross-origin");
        }

        if (!IsSameOrigin(request, publicRedirectUri))
        {
            return SmsOtpPostCheck.Refuse(StatusCodes.Status403Forbidden, "the Origin or Referer is another site");
        }

        // Chunked bodies have no Content-Length: cap what the server will read as well.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = maxBodySize;
        }

        context.Features.Set<IFormFeature>(new FormFeature(request, SmallForm));
        try
        {
            await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return SmsOtpPostCheck.Refuse(StatusCodes.Status413PayloadTooLarge, "the form is larger than allowed");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return SmsOtpPostCheck.Refuse(StatusCodes.Status413PayloadTooLarge, "the body is larger than MaxRequestBodySize");
        }

        var token = request.Form[SmsOtpFormToken.FieldName].ToString();
        if (boundCookie is not null && SmsOtpFormToken.Matches(token, boundCookie))
        {
            return SmsOtpPostCheck.Passed;
        }

        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            // A built-in form's token made for another flow cookie than the one that came: the form is out of date.
            return SmsOtpFormToken.IsWellFormed(token)
                ? SmsOtpPostCheck.RefuseStaleToken("the form's token was made for another flow cookie than the one that came")
                : SmsOtpPostCheck.Refuse(StatusCodes.Status400BadRequest, "the antiforgery token is missing or invalid");
        }

        return SmsOtpPostCheck.Passed;
    }

    /// <summary>
    /// Browsers send Origin on POSTs; when they omit it a Referer may stand in. With neither, the antiforgery token
    /// still protects the request. The configured public redirect URI's origin counts as ours too: behind a proxy that
    /// forwards no headers, the request's own scheme and host are the internal ones.
    /// </summary>
    private static bool IsSameOrigin(HttpRequest request, Uri? publicRedirectUri)
    {
        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length > 0)
        {
            return origin != "null" && Uri.TryCreate(origin, UriKind.Absolute, out var originUri) && IsOurs(request, originUri, publicRedirectUri);
        }

        var referer = request.Headers[HeaderNames.Referer].ToString();
        return referer.Length == 0 || (Uri.TryCreate(referer, UriKind.Absolute, out var refererUri) && IsOurs(request, refererUri, publicRedirectUri));
    }

    private static bool IsOurs(HttpRequest request, Uri uri, Uri? publicRedirectUri)
        => (string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
           || (publicRedirectUri is not null && string.Equals(uri.Scheme, publicRedirectUri.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(uri.Authority, publicRedirectUri.Authority, StringComparison.OrdinalIgnoreCase));
}
