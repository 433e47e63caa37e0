namespace SmsOtp.AspNetCore.Pages;

/// <summary>A page that says why the sign-in stopped and what to do next.</summary>
public sealed class SmsOtpMessagePageModel : SmsOtpPageModel
{
    /// <summary>Gets what happened and what to do, in the page's language.</summary>
    public required string Message { get; init; }

    /// <summary>Gets where the page's link goes (usually the phone-number page), or null.</summary>
    public string? LinkHref { get; init; }

    /// <summary>Gets the link's text ("Start again"), or null.</summary>
    public string? LinkText { get; init; }

    /// <summary>Gets how long to wait before trying again, when known, or null.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
