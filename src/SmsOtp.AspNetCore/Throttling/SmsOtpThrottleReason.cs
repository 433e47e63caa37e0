namespace SmsOtp.AspNetCore.Throttling;

/// <summary>Why an SMS send or a code attempt was refused.</summary>
public enum SmsOtpThrottleReason
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>A code was sent to this number less than <see cref="MosaicSmsOtpThrottlingOptions.ResendCooldown"/> ago.</summary>
    ResendCooldown,

    /// <summary>This number has had <see cref="MosaicSmsOtpThrottlingOptions.MaxSendsPerNumberPerHour"/> codes this hour.</summary>
    NumberHourlyLimit,

    /// <summary>This client IP address (or IPv6 /64 network) has requested <see cref="MosaicSmsOtpThrottlingOptions.MaxSendsPerClientIpPerHour"/> codes this hour.</summary>
    ClientIpHourlyLimit,

    /// <summary>
    /// The application has sent <see cref="MosaicSmsOtpThrottlingOptions.MaxSendsPerHour"/> codes this hour. A circuit
    /// breaker against SMS pumping: every send is refused until the hour ends, so this deserves an alert.
    /// </summary>
    GlobalHourlyBudget,

    /// <summary>
    /// The flow has used <see cref="MosaicSmsOtpThrottlingOptions.MaxAttemptsPerFlow"/> code attempts, or the number has had
    /// <see cref="MosaicSmsOtpThrottlingOptions.MaxAttemptsPerNumberPerHour"/> wrong codes this hour; even a right code is refused.
    /// </summary>
    TooManyAttempts,

    /// <summary>
    /// The flow has already been used to sign in (checklist B-40): a copy of its cookie can neither resend, nor validate,
    /// nor complete another sign-in. Waiting does not help; the user starts again.
    /// </summary>
    FlowSpent,
}
