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
        if (await store.GetAsync(code, ct).ConfigureAwait(false) is null)
        {
            await store.RemoveAsync(SmsOtpThrottleKeys.PolicyFailures(phoneE164), ct).ConfigureAwait(false);
        }

        // A new code replaces the old one, with a full lifetime (an increment never extends a counter's life).
        await store.RemoveAsync(code, ct).ConfigureAwait(false);
        await store.IncrementAsync(code, options.CodeLifetime, ct).ConfigureAwait(false);
    }

    /// <summary>Whether a code can be checked for the number now.</summary>
    public async ValueTask<SmsOtpCodeState> ReadAsync(string phoneE164, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (await store.GetAsync(SmsOtpThrottleKeys.PolicyLocked(phoneE164), ct).ConfigureAwait(false) is { } locked && locked.ResetsAt > now)
        {
            return new(SmsOtpCodeStateKind.Locked, 0, locked.ResetsAt - now);
        }

        var failures = await store.GetAsync(SmsOtpThrottleKeys.PolicyFailures(phoneE164), ct).ConfigureAwait(false);
        var left = Math.Max(0, options.LockoutThreshold - (int)(failures?.Count ?? 0));
        return await store.GetAsync(SmsOtpThrottleKeys.PolicyCode(phoneE164), ct).ConfigureAwait(false) is null
            ? new(SmsOtpCodeStateKind.NoCode, left, TimeSpan.Zero)
            : new(SmsOtpCodeStateKind.Live, left, TimeSpan.Zero);
    }

    /// <summary>
    /// After Mosaic refused a code, whatever the reason it gave (wrong, expired, locked): one failure. At the threshold the
    /// code is gone and the number locked, as Mosaic does.
    /// </summary>
    public async ValueTask<SmsOtpCodeState> RecordWrongCodeAsync(string phoneE164, CancellationToken ct)
    {
        var failures = await store.IncrementAsync(SmsOtpThrottleKeys.PolicyFailures(phoneE164), FailureWindow, ct).ConfigureAwait(false);
        if (failures.Count < options.LockoutThreshold)
        {
            return new(SmsOtpCodeStateKind.Live, options.LockoutThreshold - (int)failures.Count, TimeSpan.Zero);
        }

        var locked = await store.IncrementAsync(SmsOtpThrottleKeys.PolicyLocked(phoneE164), options.LockoutDuration, ct).ConfigureAwait(false);
        await store.RemoveAsync(SmsOtpThrottleKeys.PolicyCode(phoneE164), ct).ConfigureAwait(false);
        await store.RemoveAsync(SmsOtpThrottleKeys.PolicyFailures(phoneE164), ct).ConfigureAwait(false);
        return new(SmsOtpCodeStateKind.Locked, 0, locked.ResetsAt - time.GetUtcNow());
    }

    /// <summary>After Mosaic accepted a code: it is used, and the failures are forgotten.</summary>
    public async ValueTask RecordRightCodeAsync(string phoneE164, CancellationToken ct)
    {
        await store.RemoveAsync(SmsOtpThrottleKeys.PolicyCode(phoneE164), ct).ConfigureAwait(false);
        await store.RemoveAsync(SmsOtpThrottleKeys.PolicyFailures(phoneE164), ct).ConfigureAwait(false);
    }
}
