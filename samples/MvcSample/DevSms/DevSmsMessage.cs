namespace MvcSample.DevSms;

/// <summary>One SMS as the developer page shows it: the phone it went to, its text, the passcode in it, and when.</summary>
public sealed record DevSmsMessage(string PhoneNumber, string Text, string Code, DateTimeOffset SentAt);
