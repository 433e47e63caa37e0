namespace SmsOtp.AspNetCore.Pages;

/// <summary>A page that explains why the flow stopped and what to do next.</summary>
internal sealed record MessagePageModel(string Title, string Message, string? LinkHref, string? LinkText);
