using System.Net;
using SmsOtp.AspNetCore.Phone;

namespace SmsOtp.AspNetCore.Throttling;

/// <summary>
/// Decides whether an SMS may be sent and whether a code may be checked, counting both in an
/// <see cref="ISmsOtpThrottleStore"/>. Thread-safe; the options are read once, at construction.
/// </summary>
/// <remarks>
/// <para>
/// Sends: a refused send counts toward nothing that would lengthen a wait for the same number: it neither starts nor
/// extends a cooldown, nor uses the number's hourly budget. The resend cooldown is the atomic gate that lets exactly one
/// of many concurrent sends to a number through.
/// </para>
/// <para>
/// Attempts: <see cref="CheckAttemptAsync"/> counts the attempt against its flow before Mosaic is asked, so parallel
/// guesses cannot all slip under the limit; an attempt that then fails upstream stays spent for that flow.
/// <see cref="RecordFailedAttemptAsync"/> counts wrong codes against the number, across flows, for an hour.
/// <see cref="RecordSuccessAsync"/> forgets the flow but keeps the number's count of wrong codes: the failures may have come
/// from someone else's flows (many clients guessing one number), and resetting them on the owner's sign-in would hand
/// that guesser a fresh budget. The count expires with its hour.
/// </para>
/// </remarks>
internal sealed class SmsOtpThrottle
{
    /// <summary>The length of every hourly window.</summary>
    internal static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly ISmsOtpThrottleStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _resendCooldown;
    private readonly int _maxSendsPerNumberPerHour;
    private readonly int _maxSendsPerClientIpPerHour;
    private readonly int _maxSendsPerHour;
    private readonly int _maxAttemptsPerFlow;
    private readonly int _maxAttemptsPerNumberPerHour;
    private readonly int _maxConsecutiveFailuresPerNumber;
    private readonly TimeSpan _consecutiveFailureWindow;

    /// <summary>Creates a throttle over <paramref name="store"/> with a snapshot of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public SmsOtpThrottle(ISmsOtpThrottleStore store, MosaicSmsOtpThrottlingOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);

        if (options.ResendCooldown < TimeSpan.Zero || options.ResendCooldown > Hour)
        {
            throw new ArgumentException(
                $"{nameof(MosaicSmsOtpThrottlingOptions)}.{nameof(MosaicSmsOtpThrottlingOptions.ResendCooldown)} must be between zero (no cooldown) and one hour.",
                nameof(options));
        }

        _store = store;
        _timeProvider = timeProvider;
        _resendCooldown = options.ResendCooldown;
        _maxSendsPerNumberPerHour = Positive(options.MaxSendsPerNumberPerHour, nameof(MosaicSmsOtpThrottlingOptions.MaxSendsPerNumberPerHour), nameof(options));
        _maxSendsPerClientIpPerHour = Positive(options.MaxSendsPerClientIpPerHour, nameof(MosaicSmsOtpThrottlingOptions.MaxSendsPerClientIpPerHour), nameof(options));
        _maxSendsPerHour = Positive(options.MaxSendsPerHour, nameof(MosaicSmsOtpThrottlingOptions.MaxSendsPerHour), nameof(options));
        _maxAttemptsPerFlow = Positive(options.MaxAttemptsPerFlow, nameof(MosaicSmsOtpThrottlingOptions.MaxAttemptsPerFlow), nameof(options));
        _maxAttemptsPerNumberPerHour = Positive(options.MaxAttemptsPerNumberPerHour, nameof(MosaicSmsOtpThrottlingOptions.MaxAttemptsPerNumberPerHour), nameof(options));
        _maxConsecutiveFailuresPerNumber = Positive(options.MaxConsecutiveFailuresPerNumber, nameof(MosaicSmsOtpThrottlingOptions.MaxConsecutiveFailuresPerNumber), nameof(options));
        _consecutiveFailureWindow = options.ConsecutiveFailureWindow >= Hour && options.ConsecutiveFailureWindow <= TimeSpan.FromDays(30)
            ? options.ConsecutiveFailureWindow
            : throw new ArgumentException($"{nameof(MosaicSmsOtpThrottlingOptions)}.{nameof(MosaicSmsOtpThrottlingOptions.ConsecutiveFailureWindow)} must be between 1 hour and 30 days.", nameof(options));
    }

    /// <summary>
    /// Before an SMS is sent: applies the resend cooldown and the hourly limits per number, per client and in total.
    /// When allowed, the send is counted; when refused, <see cref="SmsOtpThrottleDecision.RetryAfter"/> is the wait for
    /// the limit that lifts last.
    /// </summary>
    /// <param name="phoneE164">The number, already normalised to E.164.</param>
    /// <param name="clientIp">The client's address, or <see langword="null"/> when unknown (counted in one shared bucket).</param>
    /// <param name="ct">Cancels the store calls.</param>
    public async ValueTask<SmsOtpThrottleDecision> CheckSendAsync(string phoneE164, IPAddress? clientIp, CancellationToken ct)
    {
        ThrowIfNotE164(phoneE164);
        var now = _timeProvider.GetUtcNow();
        var cooldownKey = SmsOtpThrottleKeys.SendCooldown(phoneE164);
        var numberKey = SmsOtpThrottleKeys.NumberSends(phoneE164);
        var clientKey = SmsOtpThrottleKeys.ClientIpSends(clientIp);

        // 1. Read only. Almost every refusal happens here, and counts nothing anywhere.
        var refusal = default(SmsOtpThrottleDecision);
        refusal = LastToLift(refusal, await ReadAsync(SmsOtpThrottleKeys.GlobalSends, _maxSendsPerHour, SmsOtpThrottleReason.GlobalHourlyBudget, now, ct).ConfigureAwait(false));
        refusal = LastToLift(refusal, await ReadAsync(clientKey, _maxSendsPerClientIpPerHour, SmsOtpThrottleReason.ClientIpHourlyLimit, now, ct).ConfigureAwait(false));
        refusal = LastToLift(refusal, await ReadAsync(numberKey, _maxSendsPerNumberPerHour, SmsOtpThrottleReason.NumberHourlyLimit, now, ct).ConfigureAwait(false));
        if (_resendCooldown > TimeSpan.Zero)
        {
            refusal = LastToLift(refusal, await ReadAsync(cooldownKey, 1, SmsOtpThrottleReason.ResendCooldown, now, ct).ConfigureAwait(false));
        }

        // A code sent now could not be checked: don't pay for it.
        refusal = LastToLift(refusal, await ReadAttemptLimitsAsync(phoneE164, now, ct).ConfigureAwait(false));

        if (!refusal.IsAllowed)
        {
            return refusal;
        }

        // 2. The gate: of concurrent sends to one number, only the one that creates the cooldown goes on.
        //    Losers only bump a counter whose expiry does not move.
        if (_resendCooldown > TimeSpan.Zero)
        {
            var gate = await _store.IncrementAsync(cooldownKey, _resendCooldown, ct).ConfigureAwait(false);
            if (gate.Count > 1)
            {
                return Refuse(SmsOtpThrottleReason.ResendCooldown, gate.ResetsAt, now);
            }
        }

        // 3. Count, the number last, so that a send refused here (only when racing other sends) uses nothing of the
        //    number's budget, and the cooldown it opened is released. A client refused here has used one unit of its own
        //    budget at most; a global refusal may also have used one of the client's.
        var client = await _store.IncrementAsync(clientKey, Hour, ct).ConfigureAwait(false);
        if (client.Count > _maxSendsPerClientIpPerHour)
        {
            return await ReleaseAsync(cooldownKey, Refuse(SmsOtpThrottleReason.ClientIpHourlyLimit, client.ResetsAt, now), ct).ConfigureAwait(false);
        }

        var global = await _store.IncrementAsync(SmsOtpThrottleKeys.GlobalSends, Hour, ct).ConfigureAwait(false);
        if (global.Count > _maxSendsPerHour)
        {
            return await ReleaseAsync(cooldownKey, Refuse(SmsOtpThrottleReason.GlobalHourlyBudget, global.ResetsAt, now), ct).ConfigureAwait(false);
        }

        var number = await _store.IncrementAsync(numberKey, Hour, ct).ConfigureAwait(false);
        if (number.Count > _maxSendsPerNumberPerHour)
        {
            return await ReleaseAsync(cooldownKey, Refuse(SmsOtpThrottleReason.NumberHourlyLimit, number.ResetsAt, now), ct).ConfigureAwait(false);
        }

        return default;
    }

    /// <summary>
    /// Before a resend: a flow that has used its attempts refuses every code, a new one included, so it is not paid an SMS
    /// it cannot use (refused as <see cref="SmsOtpThrottleReason.TooManyAttempts"/> with no wait); otherwise as
    /// <see cref="CheckSendAsync"/>.
    /// </summary>
    /// <param name="phoneE164">The flow's number, in E.164.</param>
    /// <param name="flowId">The flow's id.</param>
    /// <param name="clientIp">The client's address, or <see langword="null"/> when unknown.</param>
    /// <param name="ct">Cancels the store calls.</param>
    public async ValueTask<SmsOtpThrottleDecision> CheckResendAsync(string phoneE164, string flowId, IPAddress? clientIp, CancellationToken ct)
        => await IsFlowSpentAsync(flowId, ct).ConfigureAwait(false)
            ? new SmsOtpThrottleDecision(SmsOtpThrottleReason.TooManyAttempts, TimeSpan.Zero)
            : await CheckSendAsync(phoneE164, clientIp, ct).ConfigureAwait(false);

    /// <summary>
    /// Before a code is checked with Mosaic: refuses when the number has had too many wrong codes this hour, or the flow
    /// has used its attempts; otherwise counts this attempt against the flow. Call it exactly once per code submitted.
    /// </summary>
    /// <param name="phoneE164">The flow's number, in E.164.</param>
    /// <param name="flowId">An identifier unique to the flow (one sent code).</param>
    /// <param name="ct">Cancels the store calls.</param>
    public async ValueTask<SmsOtpThrottleDecision> CheckAttemptAsync(string phoneE164, string flowId, CancellationToken ct)
    {
        ThrowIfNotE164(phoneE164);
        ArgumentException.ThrowIfNullOrEmpty(flowId);
        var now = _timeProvider.GetUtcNow();

        var failures = await ReadAttemptLimitsAsync(phoneE164, now, ct).ConfigureAwait(false);
        if (!failures.IsAllowed)
        {
            return failures;
        }

        // Counted before Mosaic is asked (see remarks). A spent flow never recovers, so waiting does not help: zero.
        var flow = await _store.IncrementAsync(SmsOtpThrottleKeys.FlowAttempts(flowId), Hour, ct).ConfigureAwait(false);
        return flow.Count - await RefundsAsync(flowId, ct).ConfigureAwait(false) > _maxAttemptsPerFlow ? new(SmsOtpThrottleReason.TooManyAttempts, TimeSpan.Zero) : default;
    }

    /// <summary>
    /// Gives back an attempt counted by <see cref="CheckAttemptAsync"/> that Mosaic did not judge (a 5xx, a timeout): an
    /// upstream failure is not the person's attempt (checklist B-41). Counted as a refund beside the attempts, since the
    /// store only adds.
    /// </summary>
    /// <param name="flowId">The flow whose attempt is given back.</param>
    /// <param name="ct">Cancels the store call.</param>
    public async ValueTask RefundAttemptAsync(string flowId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(flowId);
        await _store.IncrementAsync(SmsOtpThrottleKeys.FlowRefunds(flowId), Hour, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// How many more codes may be checked for the flow before one of these limits refuses: the flow's own attempts, the
    /// number's hourly wrong codes and its run of consecutive ones (the tenant's lockout is <c>SmsOtpCodePolicy</c>'s).
    /// </summary>
    /// <param name="phoneE164">The flow's number, in E.164.</param>
    /// <param name="flowId">The flow.</param>
    /// <param name="ct">Cancels the store calls.</param>
    public async ValueTask<int> AttemptsLeftAsync(string phoneE164, string flowId, CancellationToken ct)
    {
        var flow = (await _store.GetAsync(SmsOtpThrottleKeys.FlowAttempts(flowId), ct).ConfigureAwait(false))?.Count ?? 0;
        flow -= await RefundsAsync(flowId, ct).ConfigureAwait(false);
        var hourly = (await _store.GetAsync(SmsOtpThrottleKeys.NumberFailures(phoneE164), ct).ConfigureAwait(false))?.Count ?? 0;
        var consecutive = (await _store.GetAsync(SmsOtpThrottleKeys.NumberConsecutiveFailures(phoneE164), ct).ConfigureAwait(false))?.Count ?? 0;
        var left = Math.Min(_maxAttemptsPerFlow - flow, Math.Min(_maxAttemptsPerNumberPerHour - hourly, _maxConsecutiveFailuresPerNumber - consecutive));
        return (int)Math.Max(0, left);
    }

    /// <summary>How long until the number's resend cooldown lets another code go; zero when it does now.</summary>
    /// <param name="phoneE164">The number, in E.164.</param>
    /// <param name="ct">Cancels the store call.</param>
    public async ValueTask<TimeSpan> ResendAllowedInAsync(string phoneE164, CancellationToken ct)
    {
        var now = _timeProvider.GetUtcNow();
        return await _store.GetAsync(SmsOtpThrottleKeys.SendCooldown(phoneE164), ct).ConfigureAwait(false) is { } cooldown && cooldown.ResetsAt > now
            ? cooldown.ResetsAt - now
            : TimeSpan.Zero;
    }

    private async ValueTask<long> RefundsAsync(string flowId, CancellationToken ct)
        => (await _store.GetAsync(SmsOtpThrottleKeys.FlowRefunds(flowId), ct).ConfigureAwait(false))?.Count ?? 0;

    /// <summary>After Mosaic says the code was wrong: counts a wrong code against the number, for the hour and in the run of consecutive failures.</summary>
    /// <param name="phoneE164">The flow's number, in E.164.</param>
    /// <param name="flowId">The flow; its attempt was already counted by <see cref="CheckAttemptAsync"/>.</param>
    /// <param name="ct">Cancels the store call.</param>
    public async ValueTask RecordFailedAttemptAsync(string phoneE164, string flowId, CancellationToken ct)
    {
        ThrowIfNotE164(phoneE164);
        ArgumentException.ThrowIfNullOrEmpty(flowId);
        await _store.IncrementAsync(SmsOtpThrottleKeys.NumberFailures(phoneE164), Hour, ct).ConfigureAwait(false);
        await _store.IncrementAsync(SmsOtpThrottleKeys.NumberConsecutiveFailures(phoneE164), _consecutiveFailureWindow, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// After a successful sign-in: forgets the flow's attempts and ends the number's run of consecutive failures (NIST SP
    /// 800-63B §5.2.2 lets past failures be disregarded on success). The number's hourly count of wrong codes is kept until
    /// its hour ends; see the class remarks for why.
    /// </summary>
    /// <param name="phoneE164">The flow's number, in E.164.</param>
    /// <param name="flowId">The flow that succeeded.</param>
    /// <param name="ct">Cancels the store call.</param>
    public async ValueTask RecordSuccessAsync(string phoneE164, string flowId, CancellationToken ct)
    {
        ThrowIfNotE164(phoneE164);
        ArgumentException.ThrowIfNullOrEmpty(flowId);
        await _store.RemoveAsync(SmsOtpThrottleKeys.FlowAttempts(flowId), ct).ConfigureAwait(false);
        await _store.RemoveAsync(SmsOtpThrottleKeys.NumberConsecutiveFailures(phoneE164), ct).ConfigureAwait(false);
    }

    /// <summary>Whether a flow has used all its attempts, so a new code for it could never be accepted.</summary>
    /// <param name="flowId">The flow.</param>
    /// <param name="ct">Cancels the store call.</param>
    public async ValueTask<bool> IsFlowSpentAsync(string flowId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(flowId);
        var attempts = await _store.GetAsync(SmsOtpThrottleKeys.FlowAttempts(flowId), ct).ConfigureAwait(false);
        return attempts is { } counter && counter.Count - await RefundsAsync(flowId, ct).ConfigureAwait(false) >= _maxAttemptsPerFlow;
    }

    private async ValueTask<SmsOtpThrottleDecision> ReadAttemptLimitsAsync(string phoneE164, DateTimeOffset now, CancellationToken ct) => LastToLift(
        await ReadAsync(SmsOtpThrottleKeys.NumberFailures(phoneE164), _maxAttemptsPerNumberPerHour, SmsOtpThrottleReason.TooManyAttempts, now, ct).ConfigureAwait(false),
        await ReadAsync(SmsOtpThrottleKeys.NumberConsecutiveFailures(phoneE164), _maxConsecutiveFailuresPerNumber, SmsOtpThrottleReason.TooManyAttempts, now, ct).ConfigureAwait(false));

    private async ValueTask<SmsOtpThrottleDecision> ReadAsync(string key, long limit, SmsOtpThrottleReason reason, DateTimeOffset now, CancellationToken ct)
    {
        var counter = await _store.GetAsync(key, ct).ConfigureAwait(false);
        return counter is { } c && c.Count >= limit ? Refuse(reason, c.ResetsAt, now) : default;
    }

    private async ValueTask<SmsOtpThrottleDecision> ReleaseAsync(string cooldownKey, SmsOtpThrottleDecision refusal, CancellationToken ct)
    {
        if (_resendCooldown > TimeSpan.Zero)
        {
            await _store.RemoveAsync(cooldownKey, ct).ConfigureAwait(false);
        }

        return refusal;
    }

    // The honest answer to "when can I retry?" is when the last of the limits in the way lifts. Ties keep the earlier
    // (broader) reason, so a global trip is never hidden behind a per-client one.
    private static SmsOtpThrottleDecision LastToLift(SmsOtpThrottleDecision current, SmsOtpThrottleDecision candidate) =>
        !candidate.IsAllowed && (current.IsAllowed || candidate.RetryAfter > current.RetryAfter) ? candidate : current;

    private static SmsOtpThrottleDecision Refuse(SmsOtpThrottleReason reason, DateTimeOffset resetsAt, DateTimeOffset now) =>
        new(reason, resetsAt > now ? resetsAt - now : TimeSpan.Zero);

    private static int Positive(int value, string optionName, string paramName) => value > 0
        ? value
        : throw new ArgumentException($"{nameof(MosaicSmsOtpThrottlingOptions)}.{optionName} must be at least 1; it is {value}.", paramName);

    // Keys must come from the canonical number, or "+1 617..." and "+1617..." would get separate budgets.
    private static void ThrowIfNotE164(string phoneE164, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(phoneE164))] string? paramName = null)
    {
        if (!E164.IsValid(phoneE164))
        {
            throw new ArgumentException("The phone number must be normalised to E.164 (see PhoneNumberNormalizer) before it is throttled.", paramName);
        }
    }
}
