namespace SmsOtp.AspNetCore.Pages;

/// <summary>What the handler knows of a code page; <see cref="SmsOtpPages"/> adds the text, branding and nonce.</summary>
internal sealed record SmsOtpCodePageModelParts(
    string VerifyAction,
    string ResendAction,
    string ChangeNumberHref,
    SmsOtpAntiforgeryField Antiforgery,
    string MaskedPhoneNumber,
    string? Error,
    string? Notice,
    bool OfferResend,
    int? AttemptsLeft = null,
    TimeSpan? ResendAvailableIn = null,
    string? ReturnUrl = null);
