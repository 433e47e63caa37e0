using SmsOtp.AspNetCore.Text;

namespace SmsOtp.AspNetCore.Responses;

/// <summary>
/// One way a request is refused, as <see cref="SmsOtpResponder"/> answers it: the status, the sentence (by key), the
/// machine-readable code of the ProblemDetails and the app's <c>?error=</c>, the wait, and the page that shows it.
/// The catalog of them is <see cref="SmsOtpFailures"/>.
/// </summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="ErrorCode">The stable code for JSON clients (<c>error</c>) and the app's own pages (<c>?error=</c>).</param>
/// <param name="Message">The sentence the person reads.</param>
/// <param name="Page">The built-in page that shows it.</param>
/// <param name="Title">The title of the message page (<see cref="SmsOtpMessageKeys"/>).</param>
internal sealed record SmsOtpFailure(int StatusCode, string ErrorCode, SmsOtpMessage Message, SmsOtpFailurePage Page, string Title = SmsOtpMessageKeys.TitleTryAgain)
{
    /// <summary>Gets the wait sent as <c>Retry-After</c>, if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets a value indicating whether the flow is gone, so that the app's own pages start over at the phone page.</summary>
    public bool StartsOver { get; init; }
}
