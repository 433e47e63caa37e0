namespace SmsOtp.AspNetCore.Pages;

/// <summary>What the code page shows and where its forms go.</summary>
public sealed class SmsOtpCodePageModel : SmsOtpPageModel
{
    /// <summary>Gets where the code form posts <c>passcode</c>.</summary>
    public required string VerifyAction { get; init; }

    /// <summary>Gets where the "Send a new code" form posts (no fields but the antiforgery one).</summary>
    public required string ResendAction { get; init; }

    /// <summary>Gets the phone-number page, for "Use a different number".</summary>
    public required string ChangeNumberHref { get; init; }

    /// <summary>Gets the antiforgery field both forms must carry.</summary>
    public required SmsOtpAntiforgeryField Antiforgery { get; init; }

    /// <summary>Gets the number the code went to, masked (<c>+1 •••• •• 0100</c>).</summary>
    public required string MaskedPhoneNumber { get; init; }

    /// <summary>Gets what is wrong with the code typed, or null.</summary>
    public string? Error { get; init; }

    /// <summary>Gets a notice ("We sent you a new code."), or null.</summary>
    public string? Notice { get; init; }

    /// <summary>Gets whether sending a new code is the thing to do now (the code expired): the button is then the primary one.</summary>
    public bool OfferResend { get; init; }

    /// <summary>Gets how many more codes may be tried before the sign-in stops, when the handler knows, or null.</summary>
    public int? AttemptsLeft { get; init; }

    /// <summary>Gets how long until a new code can be sent, when a cooldown is running, or null.</summary>
    public TimeSpan? ResendAvailableIn { get; init; }

    /// <summary>Gets the local URL the sign-in returns to, or null.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>Gets whether the page asks the browser for the code with WebOTP (<see cref="MosaicSmsOtpPagesOptions.WebOtp"/>).</summary>
    public bool WebOtp { get; init; }
}
