using System.Net;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>A buffered answer from Mosaic.</summary>
internal sealed record MosaicHttpResponse(HttpStatusCode StatusCode, byte[] Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;

    public MosaicApiError Error => MosaicApiError.Parse(StatusCode, Body);

    /// <summary>The exception for an answer the caller has no specific handling for.</summary>
    public MosaicApiException ToException(string operation) => new(
        operation,
        StatusCode switch
        {
            HttpStatusCode.TooManyRequests => MosaicFailureKind.RateLimited,
            >= HttpStatusCode.InternalServerError => MosaicFailureKind.Unavailable,
            _ when IsSuccess => MosaicFailureKind.InvalidResponse,
            _ => MosaicFailureKind.Rejected,
        },
        IsSuccess ? null : Error,
        RetryAfter);
}
