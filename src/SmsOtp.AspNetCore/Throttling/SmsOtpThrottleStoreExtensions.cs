namespace SmsOtp.AspNetCore.Throttling;

/// <summary>Reads built on <see cref="ISmsOtpThrottleStore.ReserveAsync"/>, so that a store implements two calls only.</summary>
internal static class SmsOtpThrottleStoreExtensions
{
    /// <summary>
    /// The live counters behind <paramref name="keys"/>, in the same order (null where absent or expired), in one call: a
    /// reservation whose budgets neither charge nor can be used up changes nothing and returns them.
    /// </summary>
    public static async ValueTask<IReadOnlyList<SmsOtpThrottleCounter?>> ReadAsync(this ISmsOtpThrottleStore store, CancellationToken ct, params string[] keys)
    {
        var budgets = new SmsOtpThrottleBudget[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            budgets[i] = Read(keys[i]);
        }

        return CountersOf(store, budgets, await store.ReserveAsync(budgets, ct).ConfigureAwait(false));
    }

    /// <summary>A budget that only reads its counter: it never refuses and changes nothing.</summary>
    public static SmsOtpThrottleBudget Read(string key) => new(key, long.MaxValue, TimeSpan.Zero, Charge: false);

    /// <summary>The reservation's counters, one per budget; a store that returns another number breaks its contract.</summary>
    public static IReadOnlyList<SmsOtpThrottleCounter?> CountersOf(ISmsOtpThrottleStore store, IReadOnlyList<SmsOtpThrottleBudget> budgets, SmsOtpThrottleReservation reservation)
    {
        var counters = reservation.Counters;
        return counters.Count == budgets.Count ? counters : throw new InvalidOperationException(
            $"{store.GetType().Name} answered a reservation of {budgets.Count} budgets with {counters.Count} counters; an {nameof(ISmsOtpThrottleStore)} must return one counter per budget.");
    }
}
