namespace SmsOtp.AspNetCore.Pages;

/// <summary>What the code page shows.</summary>
internal sealed record CodePageModel(string VerifyAction, string ResendAction, string ChangeNumberHref, AntiforgeryField Antiforgery, string MaskedPhoneNumber, string? Error, string? Notice, bool OfferResend);
