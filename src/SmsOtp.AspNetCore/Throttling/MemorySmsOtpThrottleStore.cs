using System.Collections.Concurrent;

namespace SmsOtp.AspNetCore.Throttling;

/// <summary>
/// The default <see cref="ISmsOtpThrottleStore"/>: counters in this process's memory, so limits apply per instance.
/// Expiry follows the <see cref="TimeProvider"/>, not a cache's own clock, and the number of counters is capped.
/// </summary>
/// <remarks>
/// Counters are only created for sends that pass the read-only checks and for wrong codes, so under the default limits
/// a few thousand exist per hour; the cap exists for misconfiguration and attack. When it is reached, expired counters
/// are swept, and if none can go an increment throws rather than evict a live counter (eviction would reset a limit,
/// failing open).
/// </remarks>
internal sealed class MemorySmsOtpThrottleStore : ISmsOtpThrottleStore
{
    /// <summary>The default maximum number of counters (tens of megabytes at most).</summary>
    internal const int DefaultCapacity = 100_000;

    // How often writes sweep out expired counters, and how often a full store may try again.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FullSweepInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly int _capacity;
    private int _count;
    private int _sweeping;
    private long _nextSweepTicks;
    private long _nextFullSweepTicks;

    /// <summary>Creates a store holding at most <see cref="DefaultCapacity"/> counters.</summary>
    public MemorySmsOtpThrottleStore(TimeProvider timeProvider)
        : this(timeProvider, DefaultCapacity)
    {
    }

    /// <summary>Creates a store holding at most <paramref name="capacity"/> counters.</summary>
    public MemorySmsOtpThrottleStore(TimeProvider timeProvider, int capacity)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _timeProvider = timeProvider;
        _capacity = capacity;
        _nextSweepTicks = timeProvider.GetUtcNow().UtcTicks + SweepInterval.Ticks;
    }

    /// <summary>Gets how many counters are held, expired ones included until they are swept.</summary>
    internal int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public ValueTask<SmsOtpThrottleCounter> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        var now = _timeProvider.GetUtcNow();
        if (now.UtcTicks >= Interlocked.Read(ref _nextSweepTicks))
        {
            Sweep(now);
        }

        // Entries are immutable and compared by reference, so TryUpdate succeeds only against the exact entry read:
        // a lost race retries with the winner's value, and no increment is ever lost.
        while (true)
        {
            if (_entries.TryGetValue(key, out var current))
            {
                var next = current.ExpiresAt > now ? new Entry(current.Count + 1, current.ExpiresAt) : new Entry(1, now + window);
                if (_entries.TryUpdate(key, next, current))
                {
                    return ValueTask.FromResult(next.ToCounter());
                }
            }
            else
            {
                EnsureRoom(now);
                var created = new Entry(1, now + window);
                if (_entries.TryAdd(key, created))
                {
                    Interlocked.Increment(ref _count);
                    return ValueTask.FromResult(created.ToCounter());
                }
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<SmsOtpThrottleCounter?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();

        if (!_entries.TryGetValue(key, out var entry))
        {
            return ValueTask.FromResult<SmsOtpThrottleCounter?>(null);
        }

        if (entry.ExpiresAt <= _timeProvider.GetUtcNow())
        {
            TryRemove(new KeyValuePair<string, Entry>(key, entry));
            return ValueTask.FromResult<SmsOtpThrottleCounter?>(null);
        }

        return ValueTask.FromResult<SmsOtpThrottleCounter?>(entry.ToCounter());
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();

        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }

        return ValueTask.CompletedTask;
    }

    // The check and the add are not one step, so concurrent writers can overshoot the cap by at most their own number.
    private void EnsureRoom(DateTimeOffset now)
    {
        if (Count < _capacity)
        {
            return;
        }

        // Full: sweep at most once a second, so a flood against a full store costs a lookup, not a scan, per request.
        var next = Interlocked.Read(ref _nextFullSweepTicks);
        if (now.UtcTicks >= next && Interlocked.CompareExchange(ref _nextFullSweepTicks, now.UtcTicks + FullSweepInterval.Ticks, next) == next)
        {
            Sweep(now);
        }

        if (Count >= _capacity)
        {
            throw new InvalidOperationException(
                $"The in-memory SMS OTP throttle store holds its maximum of {_capacity} live counters, so no send or attempt can be counted. " +
                "Lower the throttling limits, or use a distributed ISmsOtpThrottleStore.");
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        // One sweeper at a time; others carry on without waiting.
        if (Interlocked.CompareExchange(ref _sweeping, 1, 0) != 0)
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref _nextSweepTicks, now.UtcTicks + SweepInterval.Ticks);
            foreach (var pair in _entries)
            {
                if (pair.Value.ExpiresAt <= now)
                {
                    TryRemove(pair);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    // Removes the entry only if it is still the one seen, so a counter restarted meanwhile survives.
    private void TryRemove(KeyValuePair<string, Entry> pair)
    {
        if (_entries.TryRemove(pair))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private sealed class Entry(long count, DateTimeOffset expiresAt)
    {
        public long Count { get; } = count;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public SmsOtpThrottleCounter ToCounter() => new(Count, ExpiresAt);
    }
}
