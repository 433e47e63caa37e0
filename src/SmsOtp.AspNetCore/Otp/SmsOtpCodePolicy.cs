using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Otp;

/// <summary>
/// Plays the tenant's OTP policy (<see cref="MosaicSmsOtpCodePolicyOptions"/>) for every number, in the throttle store
/// (so it holds across instances): a code lives <see cref="MosaicSmsOtpCodePolicyOptions.CodeLifetime"/> from its send,
/// <see cref="MosaicSmsOtpCodePolicyOptions.LockoutThreshold"/> wrong codes invalidate it and lock the number for
/// <see cref="MosaicSmsOtpCodePolicyOptions.LockoutDuration"/>, a right code clears the failures.
/// </summary>
/// <remarks>
/// Mosaic keeps this state only for numbers it knows; for an unknown one (its send answered 404) every code is simply
/// wrong, forever. Answering from Mosaic's refusals would therefore tell the two apart (checklist B-36). The handler
/// answers from this model instead, the same way for both; Mosaic is still asked, the same number of times, and only its
/// "right code" counts. Because the model locks when Mosaic would, no code reaches Mosaic while it holds a lock.
/// Like Mosaic's emulated record, failures survive a resend of a live code, but not one sent after the code had expired.
/// </remarks>
internal sealed class SmsOtpCodePolicy(ISmsOtpThrottleStore store, MosaicSmsOtpCodePolicyOptions options, TimeProvider time)
{
    private static readonly TimeSpan FailureWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// After Mosaic answered a send (a code went out, or it would have for a registered number): the new code replaces
    /// the old one with a full lifetime, and the failures go unless the old code is still live. Two store calls: the old
    /// code is read now, after Mosaic answered, not with the send's reservation, or a code another send issued meanwhile
    /// would be missed and its failures cleared.
    /// </summary>
    /// <param name="phoneE164">The number, in E.164.</param>
    /// <param name="ct">Cancels the store calls.</param>
    public async ValueTask CodeSentAsync(string phoneE164, CancellationToken ct)
    {
        var code = SmsOtpThrottleKeys.PolicyCode(phoneE164);
        var live = (await store.ReadAsync(ct, code).ConfigureAwait(false))[0] is not null;
        SmsOtpThrottleBudget newCode = new(code, long.MaxValue, options.CodeLifetime, Charge: true, Restart: true);
        await store.ReserveAsync(live ? [newCode] : [newCode, Clearing(SmsOtpThrottleKeys.PolicyFailures(phoneE164))], ct).ConfigureAwait(false);
    }

    /// <summary>Whether a code can be checked for the number now.</summary>
    public async ValueTask<SmsOtpCodeState> ReadAsync(string phoneE164, CancellationToken ct)
        => StateFrom(await store.ReadAsync(ct, StateKeys(phoneE164)).ConfigureAwait(false), 0);

    /// <summary>The keys <see cref="StateFrom"/> reads, for a caller that reads them with others in one call.</summary>
    public static string[] StateKeys(string phoneE164) =>
    [
        SmsOtpThrottleKeys.PolicyLocked(phoneE164),
        SmsOtpThrottleKeys.PolicyFailures(phoneE164),
        SmsOtpThrottleKeys.PolicyCode(phoneE164),
    ];

    /// <summary>The state from the counters of <see cref="StateKeys"/>, read from <paramref name="offset"/> on.</summary>
    public SmsOtpCodeState StateFrom(IReadOnlyList<SmsOtpThrottleCounter?> counters, int offset)
    {
        var now = time.GetUtcNow();
        if (counters[offset] is { } locked && locked.ResetsAt > now)
        {
            return new(SmsOtpCodeStateKind.Locked, 0, locked.ResetsAt - now);
        }

        var left = Math.Max(0, options.LockoutThreshold - (int)(counters[offset + 1]?.Count ?? 0));
        return new(counters[offset + 2] is null ? SmsOtpCodeStateKind.NoCode : SmsOtpCodeStateKind.Live, left, TimeSpan.Zero);
    }

    /// <summary>
    /// After Mosaic refused a code, whatever the reason it gave (wrong, expired, locked): one failure. At the threshold the
    /// code is gone and the number locked, as Mosaic does.
    /// </summary>
    public async ValueTask<SmsOtpCodeState> RecordWrongCodeAsync(string phoneE164, CancellationToken ct)
    {
        // Charged only below the threshold, so that the count it answers with is this failure's.
        SmsOtpThrottleBudget[] failure = [new(SmsOtpThrottleKeys.PolicyFailures(phoneE164), options.LockoutThreshold, FailureWindow, Charge: true)];
        var failures = SmsOtpThrottleStoreExtensions.CountersOf(store, failure, await store.ReserveAsync(failure, ct).ConfigureAwait(false))[0]?.Count ?? 0;
        if (failures < options.LockoutThreshold)
        {
            return new(SmsOtpCodeStateKind.Live, options.LockoutThreshold - (int)failures, TimeSpan.Zero);
        }

        // The lock (charged without a limit, so that a concurrent lockout's call changes the same things), the code and the
        // failures gone, in one call.
        SmsOtpThrottleBudget[] locking =
        [
            new(SmsOtpThrottleKeys.PolicyLocked(phoneE164), long.MaxValue, options.LockoutDuration, Charge: true),
            Clearing(SmsOtpThrottleKeys.PolicyCode(phoneE164)),
            Clearing(failure[0].Key),
        ];
        var locked = SmsOtpThrottleStoreExtensions.CountersOf(store, locking, await store.ReserveAsync(locking, ct).ConfigureAwait(false))[0];
        var now = time.GetUtcNow();
        var lockedUntil = locked?.ResetsAt ?? now + options.LockoutDuration;
        return new(SmsOtpCodeStateKind.Locked, 0, lockedUntil - now);
    }

    /// <summary>
    /// After Mosaic accepted a code: it is used, and the failures are forgotten; <paramref name="alongWith"/> (the
    /// throttle's settlement of the attempt) is given back in the same store call.
    /// </summary>
    /// <param name="phoneE164">The number, in E.164.</param>
    /// <param name="alongWith">Other counters to give back in the same call.</param>
    /// <param name="ct">Cancels the store call.</param>
    public ValueTask RecordRightCodeAsync(string phoneE164, IReadOnlyList<SmsOtpThrottleRefund> alongWith, CancellationToken ct) => store.RefundAsync(
        [new(SmsOtpThrottleKeys.PolicyCode(phoneE164), Clear: true), new(SmsOtpThrottleKeys.PolicyFailures(phoneE164), Clear: true), .. alongWith],
        ct);

    // Removes the counter when the reservation goes ahead (a restart that does not charge); never refuses.
    private static SmsOtpThrottleBudget Clearing(string key) => new(key, long.MaxValue, TimeSpan.Zero, Charge: false, Restart: true);
}
