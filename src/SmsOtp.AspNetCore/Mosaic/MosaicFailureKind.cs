namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// How a call to Mosaic failed, which decides what the user is shown.
/// </summary>
internal enum MosaicFailureKind
{
    /// <summary>Mosaic could not be reached, timed out or answered 5xx: the user sees 503 and can try again.</summary>
    Unavailable,

    /// <summary>Mosaic answered 429: the user sees 429 with Retry-After.</summary>
    RateLimited,

    /// <summary>Mosaic answered 2xx with a body that is not what the API documents: the user sees 502.</summary>
    InvalidResponse,

    /// <summary>Mosaic refused the request (4xx) in a way the caller did not expect: a configuration problem, shown as 503.</summary>
    Rejected,
}
