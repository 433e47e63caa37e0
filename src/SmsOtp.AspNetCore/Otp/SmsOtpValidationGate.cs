using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace SmsOtp.AspNetCore.Otp;

/// <summary>
/// Makes a code posted twice (a double click) or ten times at once for one flow one check with Mosaic (checklist B-45):
/// the first post checks it, the others wait for it and answer as it did, counting nothing; a right code's answer is
/// kept for the flow's life, so a post that arrives after it also lands where the first did instead of on "wrong code"
/// (Mosaic has used the code by then). In memory: posts of one browser reach one instance in practice (the same
/// connection); across instances a duplicate is at worst judged by Mosaic as a wrong code.
/// </summary>
internal sealed class SmsOtpValidationGate(TimeProvider time)
{
    private const int SweepAbove = 1024;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Kept by hand: ConcurrentDictionary.Count takes every lock of the dictionary.
    private int _count;

    // Above SweepAbove entries a sweep runs once they have doubled since the last one, or a minute after it, so that a
    // code check costs O(1) amortized: right codes' answers live for their flow's life, and sweeping on every post above
    // a fixed size made each check walk every live entry (5 % of a sign-in's CPU after 5,000 sign-ins in the load
    // harness, growing with the rate).
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private int _sweepAt = SweepAbove;
    private long _nextSweepTicks;

    /// <summary>
    /// Joins the check of the same code for the same flow in progress or already right, or else makes the caller the one
    /// to check it: then <see cref="SmsOtpValidationLease.Complete"/> must follow on every path.
    /// </summary>
    public SmsOtpValidationLease Enter(string flowId, string passcode, DateTimeOffset flowExpiresAt)
    {
        var key = Key(flowId, passcode);
        var now = time.GetUtcNow();
        var count = Volatile.Read(ref _count);
        if (count > SweepAbove && (count > Volatile.Read(ref _sweepAt) || now.UtcTicks >= Interlocked.Read(ref _nextSweepTicks)))
        {
            Interlocked.Exchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks);
            Sweep(now);
            Volatile.Write(ref _sweepAt, 2 * Volatile.Read(ref _count));
        }

        while (true)
        {
            var mine = new Entry(new(TaskCreationOptions.RunContinuationsAsynchronously), flowExpiresAt);
            var entry = _entries.GetOrAdd(key, mine);
            if (entry == mine)
            {
                Interlocked.Increment(ref _count);
                return new SmsOtpValidationLease(this, key, mine, shared: null);
            }

            if (entry.KeepUntil > now)
            {
                return new SmsOtpValidationLease(this, key, null, entry.Outcome.Task);
            }

            Remove(key, entry);
        }
    }

    /// <summary>How many checks and kept answers the gate holds.</summary>
    internal int Count => Volatile.Read(ref _count);

    internal void Complete(string key, Entry entry, SmsOtpValidationResult? result)
    {
        // Only a right code's answer is kept: a wrong one may be retyped, and is then a new attempt.
        if (result?.Result is null)
        {
            Remove(key, entry);
        }

        entry.Outcome.TrySetResult(result);
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var pair in _entries)
        {
            if (pair.Value.KeepUntil <= now && pair.Value.Outcome.Task.IsCompleted)
            {
                Remove(pair.Key, pair.Value);
            }
        }
    }

    private void Remove(string key, Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    // The code itself is never kept, only a hash of it with the flow id.
    private static string Key(string flowId, string passcode)
        => flowId + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(flowId + ":" + passcode)));

    internal sealed record Entry(TaskCompletionSource<SmsOtpValidationResult?> Outcome, DateTimeOffset KeepUntil);
}

/// <summary>
/// The caller's part in one code check: either it checks the code (<see cref="Shared"/> is null) and completes the lease,
/// or it answers as the check it joined did (null from that check: nothing to share, check it yourself).
/// </summary>
internal sealed class SmsOtpValidationLease(SmsOtpValidationGate gate, string key, SmsOtpValidationGate.Entry? entry, Task<SmsOtpValidationResult?>? shared)
{
    public Task<SmsOtpValidationResult?>? Shared { get; } = shared;

    /// <summary>Shares how the check ended (null: it ended before Mosaic judged the code) with the posts waiting on it.</summary>
    public void Complete(SmsOtpValidationResult? result)
    {
        if (entry is not null)
        {
            gate.Complete(key, entry, result);
        }
    }
}
