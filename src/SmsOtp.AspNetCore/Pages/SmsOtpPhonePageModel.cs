namespace SmsOtp.AspNetCore.Pages;

/// <summary>What the phone-number page shows and where its form goes.</summary>
public sealed class SmsOtpPhonePageModel : SmsOtpPageModel
{
    /// <summary>Gets where the form posts <c>phone_number</c> (and <c>returnUrl</c>).</summary>
    public required string Action { get; init; }

    /// <summary>Gets the antiforgery field the form must carry.</summary>
    public required SmsOtpAntiforgeryField Antiforgery { get; init; }

    /// <summary>Gets what the person typed, to show again next to <see cref="Error"/>, or null.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>Gets what is wrong with the number and how to fix it, or null.</summary>
    public string? Error { get; init; }

    /// <summary>Gets a notice for the person (not an error), or null.</summary>
    public string? Notice { get; init; }

    /// <summary>Gets the local URL to return to after signing in, to post back as <c>returnUrl</c>, or null.</summary>
    public string? ReturnUrl { get; init; }
}
