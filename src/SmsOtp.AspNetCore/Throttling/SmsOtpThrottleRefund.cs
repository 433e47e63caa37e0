namespace SmsOtp.AspNetCore.Throttling;

/// <summary>One counter given back by <see cref="ISmsOtpThrottleStore.RefundAsync"/>.</summary>
/// <param name="Key">The counter's key.</param>
/// <param name="Clear">Removes the counter outright instead of taking 1 off it.</param>
public readonly record struct SmsOtpThrottleRefund(string Key, bool Clear = false);
