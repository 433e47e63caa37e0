namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>What became of a send that Mosaic answered.</summary>
internal enum SendSmsOutcome
{
    Sent,
    UserNotFound,
    Refused,
}
