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

    /// <summary>After Mosaic answered a send (a code went out, or it would have for a registered number).</summary>
    public async ValueTask CodeSentAsync(string phoneE164, CancellationToken ct)
    {
        var code = SmsOtpThrottleKeys.PolicyCode(phoneE164);
        var live = (await store.ReadAsync(ct, code).ConfigureAwait(false))[0] is not null;

        // A new code replaces the old one, with a full lifetime (a charge never extends a counter's life).
        await store.RefundAsync(
            live ? [new(code, Clear: true)] : [new(code, Clear: true), new(SmsOtpThrottleKeys.PolicyFailures(phoneE164), Clear: true)],
            ct).ConfigureAwait(false);
        await store.ReserveAsync([new(code, long.MaxValue, options.CodeLifetime, Charge: true)], ct).ConfigureAwait(false);
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
        var failuresKey = SmsOtpThrottleKeys.PolicyFailures(phoneE164);

        // Charged only below the threshold, so that the count read back is this failure's.
        await store.ReserveAsync([new(failuresKey, options.LockoutThreshold, FailureWindow, Charge: true)], ct).ConfigureAwait(false);
        var failures = (await store.ReadAsync(ct, failuresKey).ConfigureAwait(false))[0]?.Count ?? 0;
        if (failures < options.LockoutThreshold)
        {
            return new(SmsOtpCodeStateKind.Live, options.LockoutThreshold - (int)failures, TimeSpan.Zero);
        }

        var lockedKey = SmsOtpThrottleKeys.PolicyLocked(phoneE164);
        await store.ReserveAsync([new(lockedKey, 1, options.LockoutDuration, Charge: true)], ct).ConfigureAwait(false);
        await store.RefundAsync([new(SmsOtpThrottleKeys.PolicyCode(phoneE164), Clear: true), new(failuresKey, Clear: true)], ct).ConfigureAwait(false);
        var lockedUntil = (await store.ReadAsync(ct, lockedKey).ConfigureAwait(false))[0]?.ResetsAt ?? time.GetUtcNow() + options.LockoutDuration;
        return new(SmsOtpCodeStateKind.Locked, 0, lockedUntil - time.GetUtcNow());
    }

    /// <summary>After Mosaic accepted a code: it is used, and the failures are forgotten.</summary>
    public ValueTask RecordRightCodeAsync(string phoneE164, CancellationToken ct) => store.RefundAsync(
        [new(SmsOtpThrottleKeys.PolicyCode(phoneE164), Clear: true), new(SmsOtpThrottleKeys.PolicyFailures(phoneE164), Clear: true)],
        ct);
}
