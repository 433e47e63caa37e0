namespace SmsOtp.AspNetCore.Pages;

/// <summary>What the phone-number page shows.</summary>
internal sealed record PhonePageModel(string Action, AntiforgeryField Antiforgery, string? PhoneNumber, string? Error, string? ReturnUrl);
