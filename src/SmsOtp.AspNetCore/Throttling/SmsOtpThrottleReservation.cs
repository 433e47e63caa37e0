namespace SmsOtp.AspNetCore.Throttling;

/// <summary>What <see cref="ISmsOtpThrottleStore.ReserveAsync"/> decided.</summary>
public readonly record struct SmsOtpThrottleReservation
{
    /// <summary>A reservation that went ahead: every charging budget was charged.</summary>
    public static SmsOtpThrottleReservation Allowed => default;

    /// <summary>A refused reservation: nothing was charged.</summary>
    /// <param name="counters">The counter of each budget as it was, in the budgets' order, <see langword="null"/> where absent or expired.</param>
    /// <returns>The reservation.</returns>
    public static SmsOtpThrottleReservation Refused(IReadOnlyList<SmsOtpThrottleCounter?> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return new() { Counters = counters };
    }

    /// <summary>Gets a value indicating whether the step may go ahead.</summary>
    public bool IsAllowed => Counters is null;

    /// <summary>Gets, when refused, the counter of each budget as it was (in the budgets' order); <see langword="null"/> when allowed.</summary>
    public IReadOnlyList<SmsOtpThrottleCounter?>? Counters { get; private init; }
}
