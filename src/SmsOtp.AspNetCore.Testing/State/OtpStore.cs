using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace SmsOtp.AspNetCore.Testing.State;

/// <summary>
/// Pending passcodes and failure counters, one record per (client, phone). A resend replaces the code but keeps the
/// failure count and any lockout, so resending cannot be used to reset a brute-force budget.
/// </summary>
internal sealed class OtpStore(MosaicEmulatorOtpPolicy policy, TimeProvider timeProvider)
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<(string ClientId, string PhoneNumber), OtpRecord> _records = new();
    private long _nextPurgeTicks;

    public int Count => _records.Count;

    public void Store(string clientId, string phoneNumber, string code, PendingSend send)
    {
        PurgeIfDue();
        while (true)
        {
            var record = _records.GetOrAdd((clientId, phoneNumber), _ => new OtpRecord());
            lock (record)
            {
                if (record.Removed)
                {
                    continue; // lost a race with the purge: take the fresh record
                }

                record.Code = code;
                record.ExpiresAt = timeProvider.GetUtcNow() + policy.ExpiresIn;
                record.Send = send;
                return;
            }
        }
    }

    public OtpValidation Validate(string clientId, string phoneNumber, string passcode)
    {
        if (!_records.TryGetValue((clientId, phoneNumber), out var record))
        {
            return new OtpValidation(OtpOutcome.Invalid, null);
        }

        var now = timeProvider.GetUtcNow();
        lock (record)
        {
            if (record.LockedUntil is { } lockedUntil)
            {
                if (now < lockedUntil)
                {
                    return new OtpValidation(OtpOutcome.Locked, null);
                }

                record.LockedUntil = null;
                record.Failures = 0;
            }

            if (record.Code is null || record.Send is null)
            {
                return new OtpValidation(OtpOutcome.Invalid, null);
            }

            if (now >= record.ExpiresAt)
            {
                record.Code = null;
                return new OtpValidation(OtpOutcome.Expired, null);
            }

            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(record.Code), Encoding.UTF8.GetBytes(passcode)))
            {
                record.Failures++;
                if (record.Failures >= policy.MaxFailures)
                {
                    record.Code = null;
                    record.LockedUntil = now + policy.LockoutDuration;
                    return new OtpValidation(OtpOutcome.InvalidAndLocked, null);
                }

                return new OtpValidation(OtpOutcome.Invalid, null);
            }

            var send = record.Send;
            record.Code = null;
            record.Send = null;
            record.Failures = 0;
            return new OtpValidation(OtpOutcome.Valid, send);
        }
    }

    internal void Purge()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var pair in _records)
        {
            var record = pair.Value;
            lock (record)
            {
                var codeGone = record.Code is null || now >= record.ExpiresAt;
                var unlocked = record.LockedUntil is null || now >= record.LockedUntil;
                if (codeGone && unlocked && _records.TryRemove(pair))
                {
                    record.Removed = true;
                }
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

    private sealed class OtpRecord
    {
        public string? Code { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset? LockedUntil { get; set; }

        public PendingSend? Send { get; set; }

        public bool Removed { get; set; }
    }
}
