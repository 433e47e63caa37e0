namespace SmsOtp.AspNetCore.Pages;

/// <summary>The antiforgery field every built-in form carries.</summary>
internal readonly record struct AntiforgeryField(string Name, string Value);

/// <summary>What the phone-number page shows.</summary>
internal sealed record PhonePageModel(string Action, AntiforgeryField Antiforgery, string? PhoneNumber, string? Error, string? ReturnUrl);

/// <summary>What the code page shows.</summary>
internal sealed record CodePageModel(string VerifyAction, string ResendAction, string ChangeNumberHref, AntiforgeryField Antiforgery, string MaskedPhoneNumber, string? Error, string? Notice, bool OfferResend);

/// <summary>A page that explains why the flow stopped and what to do next.</summary>
internal sealed record MessagePageModel(string Title, string Message, string? LinkHref, string? LinkText);
