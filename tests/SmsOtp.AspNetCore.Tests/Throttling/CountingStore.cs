using System.Collections.Concurrent;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Throttling;

/// <summary>A store that counts the calls made to the store it wraps, and records their keys.</summary>
public sealed class CountingStore(ISmsOtpThrottleStore inner) : ISmsOtpThrottleStore
{
    private readonly ConcurrentQueue<string> _keys = new();
    private int _calls;

    public ISmsOtpThrottleStore Inner => inner;

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyCollection<string> Keys => _keys;

    /// <summary>Runs <paramref name="step"/> and asserts it made exactly <paramref name="expected"/> store calls.</summary>
    public async Task Measure<T>(int expected, Func<ValueTask<T>> step)
    {
        var before = Calls;
        await step();
        Assert.Equal(expected, Calls - before);
    }

    /// <summary>Runs <paramref name="step"/> and asserts it made exactly <paramref name="expected"/> store calls.</summary>
    public Task Measure(int expected, Func<ValueTask> step) => Measure(expected, async () => { await step(); return 0; });

    public ValueTask<SmsOtpThrottleReservation> ReserveAsync(IReadOnlyList<SmsOtpThrottleBudget> budgets, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        foreach (var budget in budgets)
        {
            _keys.Enqueue(budget.Key);
        }

        return inner.ReserveAsync(budgets, cancellationToken);
    }

    public ValueTask RefundAsync(IReadOnlyList<SmsOtpThrottleRefund> refunds, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        foreach (var refund in refunds)
        {
            _keys.Enqueue(refund.Key);
        }

        return inner.RefundAsync(refunds, cancellationToken);
    }
}
