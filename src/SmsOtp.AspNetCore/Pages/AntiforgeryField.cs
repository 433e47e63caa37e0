namespace SmsOtp.AspNetCore.Pages;

/// <summary>The antiforgery field every built-in form carries.</summary>
internal readonly record struct AntiforgeryField(string Name, string Value);
