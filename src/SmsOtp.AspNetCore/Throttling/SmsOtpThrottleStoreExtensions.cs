namespace SmsOtp.AspNetCore.Throttling;

/// <summary>Reads built on <see cref="ISmsOtpThrottleStore.ReserveAsync"/>, so that a store implements two calls only.</summary>
internal static class SmsOtpThrottleStoreExtensions
{
    /// <summary>
    /// The live counters behind <paramref name="keys"/>, in the same order (null where absent or expired), in one call: a
    /// reservation whose budgets all have limit 0 and do not charge is always refused, changes nothing and returns them.
    /// </summary>
    public static async ValueTask<IReadOnlyList<SmsOtpThrottleCounter?>> ReadAsync(this ISmsOtpThrottleStore store, CancellationToken ct, params string[] keys)
    {
        var budgets = new SmsOtpThrottleBudget[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            budgets[i] = new(keys[i], 0, TimeSpan.Zero, Charge: false);
        }

        var reservation = await store.ReserveAsync(budgets, ct).ConfigureAwait(false);
        return reservation.Counters ?? throw new InvalidOperationException(
            $"{store.GetType().Name} allowed a reservation of budgets with limit 0; an {nameof(ISmsOtpThrottleStore)} must refuse a budget whose counter has reached its limit.");
    }
}
