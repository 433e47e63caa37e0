namespace SmsOtp.AspNetCore.Throttling;

/// <summary>
/// Keeps the expiring counters behind the handler's limits: SMS sends, code attempts and spent flows. The default store
/// keeps them in this process's memory, which suits a single instance; several instances must share one store (for
/// example Redis, <c>SmsOtp.AspNetCore.Redis</c>) or each applies the limits separately.
/// </summary>
/// <remarks>
/// <para>
/// One throttle decision is one call: <see cref="ReserveAsync"/> checks every budget a step has and charges them all, or
/// none, atomically, so concurrent requests on any instance can never together pass a limit. A step that turns out not to
/// count (Mosaic did not accept the send, or did not judge the code) gives its charge back with <see cref="RefundAsync"/>.
/// A remote store must make each call one round trip (with Redis, one Lua script).
/// </para>
/// <para>
/// Keys are short ASCII strings that never contain a phone number, IP address or flow id in clear. Expiry follows the
/// caller's clock (the <see cref="TimeProvider"/> the store is given), not the store's own, so that tests can move time.
/// </para>
/// </remarks>
public interface ISmsOtpThrottleStore
{
    /// <summary>
    /// Atomically checks every budget and, only when none is used up, adds 1 to each budget that charges. A counter that
    /// is absent or expired counts as zero, and when charged starts a new window of its budget's length; charging a live
    /// counter never moves its reset time. A budget that restarts is not checked, and is replaced when the reservation
    /// goes ahead (see <see cref="SmsOtpThrottleBudget.Restart"/>).
    /// </summary>
    /// <param name="budgets">The budgets of one step; a budget is used up when its counter has reached its limit.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// Whether the step may go ahead (and was charged), with one counter per budget in the same order: as they are after
    /// the charges when it went ahead, as they were (nothing charged) when it did not. A budget of limit
    /// <see cref="long.MaxValue"/> that does not charge is therefore a read of its counter within the step's call, which
    /// is how the handler reads the counters it needs beside a decision.
    /// </returns>
    ValueTask<SmsOtpThrottleReservation> ReserveAsync(IReadOnlyList<SmsOtpThrottleBudget> budgets, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically gives back what an earlier reservation charged: takes 1 off each counter (removing it at zero, never
    /// moving its reset time) or removes it outright. A counter that is absent or expired is left alone.
    /// </summary>
    /// <param name="refunds">The counters to give back.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once the counters are changed.</returns>
    ValueTask RefundAsync(IReadOnlyList<SmsOtpThrottleRefund> refunds, CancellationToken cancellationToken);
}
