using System.Collections.Concurrent;

namespace SmsOtp.AspNetCore.Testing.State;

/// <summary>
/// A thread-safe map of single-use or short-lived items (tickets, codes, sessions, refresh tokens) that purges
/// expired entries as it goes, so memory stays bounded however many flows run.
/// </summary>
internal sealed class ExpiringStore<TValue>(TimeProvider timeProvider)
    where TValue : class
{
    // Expired entries are kept a little while so a late use can be told "expired" rather than "unknown".
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _nextPurgeTicks;

    public int Count => _entries.Count;

    public void Add(string key, TValue value, DateTimeOffset expiresAt)
    {
        PurgeIfDue();
        _entries[key] = new Entry(value, expiresAt);
    }

    /// <summary>Removes the entry and returns it, telling live from expired.</summary>
    public StoreLookup TryTake(string key, out TValue? value)
    {
        if (!_entries.TryRemove(key, out var entry))
        {
            value = null;
            return StoreLookup.Missing;
        }

        value = entry.Value;
        return timeProvider.GetUtcNow() < entry.ExpiresAt ? StoreLookup.Found : StoreLookup.Expired;
    }

    public bool TryGet(string key, out TValue? value)
    {
        if (_entries.TryGetValue(key, out var entry) && timeProvider.GetUtcNow() < entry.ExpiresAt)
        {
            value = entry.Value;
            return true;
        }

        value = null;
        return false;
    }

    public void Remove(string key) => _entries.TryRemove(key, out _);

    /// <summary>Removes the live entries that match; returns how many it removed.</summary>
    public int RemoveWhere(Func<TValue, bool> predicate)
    {
        var now = timeProvider.GetUtcNow();
        var removed = 0;
        foreach (var pair in _entries)
        {
            if (now < pair.Value.ExpiresAt && predicate(pair.Value.Value) && _entries.TryRemove(pair))
            {
                removed++;
            }
        }

        return removed;
    }

    internal void Purge()
    {
        var cutoff = timeProvider.GetUtcNow() - Grace;
        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAt < cutoff)
            {
                _entries.TryRemove(pair);
            }
        }
    }

    private void PurgeIfDue()
    {
        var now = timeProvider.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextPurgeTicks);
        if (now >= next && Interlocked.CompareExchange(ref _nextPurgeTicks, now + PurgeInterval.Ticks, next) == next)
        {
            Purge();
        }
    }

    private sealed record Entry(TValue Value, DateTimeOffset ExpiresAt);
}
