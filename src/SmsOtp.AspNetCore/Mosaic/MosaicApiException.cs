namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// A failed call to Mosaic. Its message names the operation and the status, never a token, code or phone number.
/// </summary>
internal sealed class MosaicApiException : Exception
{
    public MosaicApiException(string operation, MosaicFailureKind kind, MosaicApiError? error = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base($"Mosaic {operation} failed: {kind}{(error is null ? string.Empty : $" ({error})")}.", innerException)
    {
        Operation = operation;
        Kind = kind;
        Error = error;
        RetryAfter = retryAfter;
    }

    public string Operation { get; }

    public MosaicFailureKind Kind { get; }

    public MosaicApiError? Error { get; }

    public TimeSpan? RetryAfter { get; }
}
