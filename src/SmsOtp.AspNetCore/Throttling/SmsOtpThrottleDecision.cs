namespace SmsOtp.AspNetCore.Throttling;

/// <summary>Whether an SMS send or a code attempt may go ahead, and if not, why and for how long.</summary>
/// <param name="Reason">Why it was refused, or <see cref="SmsOtpThrottleReason.None"/> when it may go ahead.</param>
/// <param name="RetryAfter">
/// How long until the limit that refused it lifts (suitable for a <c>Retry-After</c> header once rounded up to whole
/// seconds). <see cref="TimeSpan.Zero"/> when allowed, and when waiting does not help: a flow that has used its attempts
/// never accepts another code, so the user must request a new one.
/// </param>
public readonly record struct SmsOtpThrottleDecision(SmsOtpThrottleReason Reason, TimeSpan RetryAfter)
{
    /// <summary>Gets a value indicating whether the send or attempt may go ahead.</summary>
    public bool IsAllowed => Reason == SmsOtpThrottleReason.None;
}
