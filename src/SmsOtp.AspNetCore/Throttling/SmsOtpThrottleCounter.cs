namespace SmsOtp.AspNetCore.Throttling;

/// <summary>The value of one throttle counter in an <see cref="ISmsOtpThrottleStore"/>.</summary>
/// <param name="Count">How many times the counter was incremented in its current window.</param>
/// <param name="ResetsAt">When the current window ends and the counter starts again from zero.</param>
public readonly record struct SmsOtpThrottleCounter(long Count, DateTimeOffset ResetsAt);
