namespace SmsOtp.AspNetCore.Requests;

/// <summary>The outcome of <see cref="SmsOtpPostGuard.CheckAsync"/>.</summary>
internal readonly record struct SmsOtpPostCheck(int StatusCode, string? Reason)
{
    public static SmsOtpPostCheck Passed => new(0, null);

    public bool IsPassed => Reason is null;

    public static SmsOtpPostCheck Refuse(int statusCode, string reason) => new(statusCode, reason);
}
