namespace SmsOtp.AspNetCore.Throttling;

/// <summary>A throttle decision, and the counters of the keys its caller asked to read in the same store call.</summary>
/// <param name="Decision">Whether the step may go ahead.</param>
/// <param name="Read">The counters of the keys read with the decision, in their order: after the step's charges when it went ahead.</param>
internal readonly record struct SmsOtpThrottleOutcome(SmsOtpThrottleDecision Decision, IReadOnlyList<SmsOtpThrottleCounter?> Read);
