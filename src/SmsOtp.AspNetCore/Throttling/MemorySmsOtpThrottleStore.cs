using System.Collections.Concurrent;

namespace SmsOtp.AspNetCore.Throttling;

/// <summary>
/// The default <see cref="ISmsOtpThrottleStore"/>: counters in this process's memory, so limits apply per instance.
/// Expiry follows the <see cref="TimeProvider"/>; the number of records is sized from the options (checklist B-43).
/// </summary>
/// <remarks>
/// <para>
/// Not <c>IMemoryCache</c>: a cache may evict a live entry (size limit, compaction, memory pressure), and an evicted
/// counter is a limit reset, failing open; it cannot check and charge several entries as one step; and its expiry runs on
/// its own clock. So the records live in a dictionary under one lock (each reservation touches the one global counter
/// anyway, so finer locks would buy nothing), and a queue ordered by expiry lets each reservation drop the records that
/// have expired since the last one, without ever scanning the store.
/// </para>
/// <para>
/// Every record exists because a send or an attempt was allowed, and both are bounded by the hourly global budget, so
/// the options bound how many records can be alive (<see cref="RecordsNeeded"/>). Each scheme's validated options
/// provision that many (<see cref="Provision"/>); the store never evicts a live record, and if it ever held more than
/// provisioned (a bug, not an attack) a reservation throws, which the handler answers with 503: limits fail closed.
/// </para>
/// </remarks>
internal sealed class MemorySmsOtpThrottleStore : ISmsOtpThrottleStore
{
    /// <summary>The least capacity, for a store no options have provisioned.</summary>
    internal const long MinimumCapacity = 10_000;

    /// <summary>The most records the options may need (a few hundred megabytes); larger settings need a shared store.</summary>
    internal const long MaximumCapacity = 1_000_000;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Every record created, by when it expires; a record recreated or refunded meanwhile leaves a stale item behind,
    // which is dropped when its time comes.
    private readonly PriorityQueue<string, DateTimeOffset> _expiries = new();
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, long> _provisioned = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly long _fixedCapacity;

    /// <summary>Creates a store whose capacity comes from the options that <see cref="Provision"/> it.</summary>
    public MemorySmsOtpThrottleStore(TimeProvider timeProvider)
        : this(timeProvider, capacity: 0)
    {
    }

    /// <summary>Creates a store holding at most <paramref name="capacity"/> records (zero: as provisioned).</summary>
    public MemorySmsOtpThrottleStore(TimeProvider timeProvider, long capacity)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _timeProvider = timeProvider;
        _fixedCapacity = capacity;
    }

    /// <summary>Gets how many records are held, expired ones included until the next reservation drops them.</summary>
    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Gets how many records the store may hold.</summary>
    internal long Capacity => _fixedCapacity > 0 ? _fixedCapacity : Math.Max(MinimumCapacity, _provisioned.Values.Sum());

    /// <summary>
    /// The most records that can be alive at once under <paramref name="throttling"/>. In any hour at most twice the global
    /// budget of sends is charged (fixed windows: the end of one and the start of the next), each send creating at most a
    /// cooldown, a number and a client record (an hour at most), and its flow at most an attempts and a spent record (the
    /// flow's lifetime, at most 10 minutes); wrong codes add a number record for an hour (flows of up to 3 global windows)
    /// and a consecutive-failures record for the failure window (flows of up to the window's hours plus 2 windows). The
    /// tenant's OTP policy (<paramref name="codePolicy"/>) keeps a code, a failures and a lock record per number sent to,
    /// each for at most the longest of an hour, the code's lifetime and the lockout.
    /// </summary>
    internal static long RecordsNeeded(MosaicSmsOtpThrottlingOptions throttling, TimeSpan flowLifetime, MosaicSmsOtpCodePolicyOptions codePolicy)
    {
        ArgumentNullException.ThrowIfNull(throttling);
        ArgumentNullException.ThrowIfNull(codePolicy);
        var perSend = (2 * 3) + (2 * 2) + 3 + (long)Math.Ceiling((throttling.ConsecutiveFailureWindow + flowLifetime) / SmsOtpThrottle.Hour) + 1;
        var policyHours = (long)Math.Ceiling(TimeSpan.FromTicks(Math.Max(SmsOtpThrottle.Hour.Ticks, Math.Max(codePolicy.CodeLifetime.Ticks, codePolicy.LockoutDuration.Ticks))) / SmsOtpThrottle.Hour);
        perSend += 3 * (policyHours + 1);
        return 1 + (throttling.MaxSendsPerHour * perSend);
    }

    /// <summary>The live counter at <paramref name="key"/>, for tests and diagnostics.</summary>
    internal SmsOtpThrottleCounter? Peek(string key)
    {
        lock (_lock)
        {
            return Live(key, _timeProvider.GetUtcNow())?.ToCounter();
        }
    }

    /// <summary>Makes room for <paramref name="records"/> on behalf of <paramref name="owner"/> (a scheme), replacing what it had.</summary>
    internal void Provision(string owner, long records) => _provisioned[owner] = records;

    /// <inheritdoc />
    public ValueTask<SmsOtpThrottleReservation> ReserveAsync(IReadOnlyList<SmsOtpThrottleBudget> budgets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var budget in budgets)
        {
            ArgumentException.ThrowIfNullOrEmpty(budget.Key, nameof(budgets));
            if (budget.Charge && budget.Window <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(budgets), "A budget that charges needs a positive window.");
            }
        }

        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            DropExpired(now);
            var refused = false;
            var created = 0;
            foreach (var budget in budgets)
            {
                var live = Live(budget.Key, now);
                refused |= !budget.Restart && (live?.Count ?? 0) >= budget.Limit;
                created += live is null && budget.Charge ? 1 : 0; // a restart replaces a live counter
            }

            if (refused)
            {
                return ValueTask.FromResult(SmsOtpThrottleReservation.Refused(CountersOf(budgets, now)));
            }

            EnsureRoom(created);
            foreach (var budget in budgets)
            {
                if (budget.Restart)
                {
                    _entries.Remove(budget.Key);
                }

                if (!budget.Charge)
                {
                    continue;
                }

                if (Live(budget.Key, now) is { } entry)
                {
                    entry.Count++;
                }
                else
                {
                    var expiresAt = now + budget.Window;
                    _entries[budget.Key] = new Entry(1, expiresAt);
                    _expiries.Enqueue(budget.Key, expiresAt);
                }
            }

            return ValueTask.FromResult(SmsOtpThrottleReservation.Allowed(CountersOf(budgets, now)));
        }
    }

    /// <inheritdoc />
    public ValueTask RefundAsync(IReadOnlyList<SmsOtpThrottleRefund> refunds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refunds);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var refund in refunds)
        {
            ArgumentException.ThrowIfNullOrEmpty(refund.Key, nameof(refunds));
        }

        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            foreach (var refund in refunds)
            {
                if (Live(refund.Key, now) is not { } entry)
                {
                    continue;
                }

                // At zero the record goes: refunded steps must not leave records behind (they are outside the bound).
                if (refund.Clear || --entry.Count <= 0)
                {
                    _entries.Remove(refund.Key);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    // Under the lock.
    private SmsOtpThrottleCounter?[] CountersOf(IReadOnlyList<SmsOtpThrottleBudget> budgets, DateTimeOffset now)
    {
        var counters = new SmsOtpThrottleCounter?[budgets.Count];
        for (var i = 0; i < counters.Length; i++)
        {
            counters[i] = Live(budgets[i].Key, now)?.ToCounter();
        }

        return counters;
    }

    // Under the lock. An expired record is removed on sight.
    private Entry? Live(string key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.ExpiresAt > now)
        {
            return entry;
        }

        _entries.Remove(key);
        return null;
    }

    // Under the lock.
    private void EnsureRoom(int created)
    {
        var capacity = Capacity;
        if (_entries.Count + created > capacity)
        {
            throw new InvalidOperationException(
                $"The in-memory SMS OTP throttle store holds its maximum of {capacity} live records, so no send or attempt can be counted. " +
                "Lower the throttling limits, or use a distributed ISmsOtpThrottleStore.");
        }
    }

    // Under the lock: each expired record once, in expiry order, so the cost follows the records created, not the store's size.
    private void DropExpired(DateTimeOffset now)
    {
        while (_expiries.TryPeek(out var key, out var expiresAt) && expiresAt <= now)
        {
            _expiries.Dequeue();
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt <= now)
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed class Entry(long count, DateTimeOffset expiresAt)
    {
        public long Count { get; set; } = count;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public SmsOtpThrottleCounter ToCounter() => new(Count, ExpiresAt);
    }
}
