namespace SmsOtp.AspNetCore.Throttling;

/// <summary>What <see cref="ISmsOtpThrottleStore.ReserveAsync"/> decided, and the budgets' counters.</summary>
public readonly record struct SmsOtpThrottleReservation
{
    private readonly IReadOnlyList<SmsOtpThrottleCounter?>? _counters;

    private SmsOtpThrottleReservation(bool isAllowed, IReadOnlyList<SmsOtpThrottleCounter?> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        IsAllowed = isAllowed;
        _counters = counters;
    }

    /// <summary>A reservation that went ahead: every charging budget was charged.</summary>
    /// <param name="counters">The counter of each budget after the charges, in the budgets' order, <see langword="null"/> where absent.</param>
    /// <returns>The reservation.</returns>
    public static SmsOtpThrottleReservation Allowed(IReadOnlyList<SmsOtpThrottleCounter?> counters)
        => new(isAllowed: true, counters);

    /// <summary>A refused reservation: nothing was charged.</summary>
    /// <param name="counters">The counter of each budget as it was, in the budgets' order, <see langword="null"/> where absent or expired.</param>
    /// <returns>The reservation.</returns>
    public static SmsOtpThrottleReservation Refused(IReadOnlyList<SmsOtpThrottleCounter?> counters)
        => new(isAllowed: false, counters);

    /// <summary>Gets a value indicating whether the step may go ahead.</summary>
    public bool IsAllowed { get; }

    /// <summary>
    /// Gets the counter of each budget, in the budgets' order: after the charges when allowed, as they were when refused;
    /// <see langword="null"/> where absent or expired. Empty only for a default value.
    /// </summary>
    public IReadOnlyList<SmsOtpThrottleCounter?> Counters => _counters ?? [];
}
