namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// A fault the emulator injects into one endpoint: a delay, an error status, a malformed body, or a combination.
/// </summary>
public sealed class MosaicEmulatorFault
{
    /// <summary>The status code to answer with instead of the real response; <see langword="null"/> keeps the real one.</summary>
    public int? StatusCode { get; set; }

    /// <summary>The <c>Retry-After</c> header of a 429 answer. A 429 without it gets <c>Retry-After: 1</c>.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>
    /// A delay before answering, measured by the emulator's <see cref="TimeProvider"/> (advance a fake clock to end it)
    /// and cancelled when the request is aborted.
    /// </summary>
    public TimeSpan? Delay { get; set; }

    /// <summary>Answer with a body that is not valid JSON (with the fault's status, or 200).</summary>
    public bool MalformedBody { get; set; }

    /// <summary>How many requests the fault applies to; <see langword="null"/> means until cleared.</summary>
    public int? Times { get; set; }
}
