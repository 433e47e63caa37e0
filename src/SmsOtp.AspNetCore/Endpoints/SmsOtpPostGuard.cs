using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace SmsOtp.AspNetCore.Endpoints;

/// <summary>
/// What every POST to the handler must pass before anything else happens: a small form body, a same-origin
/// <c>Origin</c>/<c>Referer</c>, and a valid antiforgery token.
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

    public static async Task<SmsOtpPostCheck> CheckAsync(HttpContext context, IAntiforgery antiforgery, long maxBodySize)
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

        if (!IsSameOrigin(request))
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

        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return SmsOtpPostCheck.Refuse(StatusCodes.Status400BadRequest, "the antiforgery token is missing or invalid");
        }

        return SmsOtpPostCheck.Passed;
    }

    /// <summary>
    /// Browsers send Origin on POSTs; when they omit it a Referer may stand in. With neither, the antiforgery token
    /// still protects the request.
    /// </summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length > 0)
        {
            return origin != "null" && Uri.TryCreate(origin, UriKind.Absolute, out var originUri) && Matches(request, originUri);
        }

        var referer = request.Headers[HeaderNames.Referer].ToString();
        return referer.Length == 0 || (Uri.TryCreate(referer, UriKind.Absolute, out var refererUri) && Matches(request, refererUri));
    }

    private static bool Matches(HttpRequest request, Uri uri)
        => string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
           && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The outcome of <see cref="SmsOtpPostGuard.CheckAsync"/>.</summary>
internal readonly record struct SmsOtpPostCheck(int StatusCode, string? Reason)
{
    public static SmsOtpPostCheck Passed => new(0, null);

    public bool IsPassed => Reason is null;

    public static SmsOtpPostCheck Refuse(int statusCode, string reason) => new(statusCode, reason);
}
