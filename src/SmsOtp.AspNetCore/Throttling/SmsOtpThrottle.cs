using System.Net;
using SmsOtp.AspNetCore.Phone;

namespace SmsOtp.AspNetCore.Throttling;

/// <summary>
/// Decides whether an SMS may be sent, whether a code may be checked and whether a flow may still sign in, each as one
/// atomic <see cref="ISmsOtpThrottleStore.ReserveAsync"/> (one Redis round trip). Thread-safe; built once per scheme's
/// options (<see cref="SmsOtpThrottleCache"/>), which <c>MosaicSmsOtpOptionsValidator</c> has checked at start-up.
/// </summary>
/// <remarks>
/// <para>
/// Sends (<see cref="ReserveSendAsync(string, IPAddress?, string?, CancellationToken)"/>): the cooldown and the hourly budgets per number, per client and in total are
/// checked and charged together, so of concurrent sends only as many as the budgets allow go ahead, and a refused send
/// uses nothing. A send Mosaic does not accept is given back with <see cref="RefundSendAsync"/> (checklist B-42), all but
/// the cooldown: the cooldown is the one-send-at-a-time gate for a number, it keeps a person retrying through an outage
/// from sending a late SMS and then another, and it lifts within a minute by default.
/// </para>
/// <para>
/// Attempts (<see cref="ReserveAttemptAsync(string, string, DateTimeOffset, CancellationToken)"/>): before Mosaic is asked, the attempt is charged to its flow, to the
/// number's hourly wrong codes and to its run of consecutive wrong codes, so parallel guesses across flows and instances
/// can never together pass a cap (checklist B-37); <see cref="SettleAttemptAsync"/> gives back what the answer shows was
/// no wrong code. A right code keeps the number's earlier wrong codes for their hour: they may have come from someone
/// else's flows, and forgetting them on the owner's sign-in would hand that guesser a fresh budget.
/// </para>
/// <para>
/// Spent flows (<see cref="ConsumeFlowAsync"/>): the callback records the flow as spent until its lifetime ends, and
/// resends and attempts refuse it, on every instance (checklist B-40).
/// </para>
/// </remarks>
internal sealed class SmsOtpThrottle
{
    /// <summary>The length of every hourly window.</summary>
    internal static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    // The shortest window given to a record whose flow is about to end, so that it is never born expired.
    private static readonly TimeSpan MinimumFlowWindow = TimeSpan.FromSeconds(1);

    private readonly ISmsOtpThrottleStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly MosaicSmsOtpThrottlingOptions _options;

    /// <summary>Creates a throttle over <paramref name="store"/> with a snapshot of <paramref name="options"/>, already validated.</summary>
    public SmsOtpThrottle(ISmsOtpThrottleStore store, MosaicSmsOtpThrottlingOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _timeProvider = timeProvider;
        _options = new MosaicSmsOtpThrottlingOptions
        {
            ResendCooldown = options.ResendCooldown,
            MaxSendsPerNumberPerHour = options.MaxSendsPerNumberPerHour,
            MaxSendsPerClientIpPerHour = options.MaxSendsPerClientIpPerHour,
            MaxSendsPerHour = options.MaxSendsPerHour,
            MaxAttemptsPerFlow = options.MaxAttemptsPerFlow,
            MaxAttemptsPerNumberPerHour = options.MaxAttemptsPerNumberPerHour,
            MaxConsecutiveFailuresPerNumber = options.MaxConsecutiveFailuresPerNumber,
            ConsecutiveFailureWindow = options.ConsecutiveFailureWindow,
        };
    }

    /// <summary>
    /// Before an SMS is sent: checks and charges the cooldown and the hourly limits per number, per client and in total,
    /// and refuses a number whose codes could not be checked now anyway; for a resend, also a flow that is spent or has
    /// used its attempts. When refused, <see cref="SmsOtpThrottleDecision.RetryAfter"/> is the wait for the limit that
    /// lifts last, and nothing was charged.
    /// </summary>
    /// <param name="phoneE164">The number, already normalised to E.164.</param>
    /// <param name="clientIp">The client's address, or <see langword="null"/> when unknown (counted in one shared bucket).</param>
    /// <param name="resendOfFlowId">The flow a resend is for, or <see langword="null"/> for a new flow's first code.</param>
    /// <param name="ct">Cancels the store call.</param>
    public async ValueTask<SmsOtpThrottleDecision> ReserveSendAsync(string phoneE164, IPAddress? clientIp, string? resendOfFlowId, CancellationToken ct)
        => (await ReserveSendAsync(phoneE164, clientIp, resendOfFlowId, [], ct).ConfigureAwait(false)).Decision;

    /// <summary>
    /// <see cref="ReserveSendAsync(string, IPAddress?, string?, CancellationToken)"/>, reading the counters of
    /// <paramref name="alsoRead"/> in the same store call (one Redis round trip).
    /// </summary>
    /// <param name="phoneE164">The number, already normalised to E.164.</param>
    /// <param name="clientIp">The client's address, or <see langword="null"/> when unknown.</param>
    /// <param name="resendOfFlowId">The flow a resend is for, or <see langword="null"/> for a new flow's first code.</param>
    /// <param name="alsoRead">Keys whose counters the caller needs beside the decision; they are neither checked nor charged.</param>
    /// <param name="ct">Cancels the store call.</param>
    public ValueTask<SmsOtpThrottleOutcome> ReserveSendAsync(string phoneE164, IPAddress? clientIp, string? resendOfFlowId, IReadOnlyList<string> alsoRead, CancellationToken ct)
    {
        ThrowIfNotE164(phoneE164);
        var o = _options;
        var budgets = new List<SmsOtpThrottleBudget>(8)
        {
            // Broadest first: on a tie the earlier reason is reported, so a global trip is never hidden behind a client's.
            new(SmsOtpThrottleKeys.GlobalSends, o.MaxSendsPerHour, Hour, Charge: true),
            new(SmsOtpThrottleKeys.ClientIpSends(clientIp), o.MaxSendsPerClientIpPerHour, Hour, Charge: true),
            new(SmsOtpThrottleKeys.NumberSends(phoneE164), o.MaxSendsPerNumberPerHour, Hour, Charge: true),
        };
        var reasons = new List<Refusal>(8) { new(SmsOtpThrottleReason.GlobalHourlyBudget), new(SmsOtpThrottleReason.ClientIpHourlyLimit), new(SmsOtpThrottleReason.NumberHourlyLimit) };
        if (o.ResendCooldown > TimeSpan.Zero)
        {
            budgets.Add(new(SmsOtpThrottleKeys.SendCooldown(phoneE164), 1, o.ResendCooldown, Charge: true));
            reasons.Add(new(SmsOtpThrottleReason.ResendCooldown));
        }

        // A code sent now could not be checked: don't pay for it. That includes a number the tenant's policy has locked
        // (SmsOtpCodePolicy), for every number alike (B-36).
        AddNumberAttemptBudgets(budgets, reasons, phoneE164, charge: false);
        budgets.Add(new(SmsOtpThrottleKeys.PolicyLocked(phoneE164), 1, Hour, Charge: false));
        reasons.Add(new(SmsOtpThrottleReason.TooManyAttempts));
        if (resendOfFlowId is not null)
        {
            // A spent flow, or one that has used its attempts, refuses every code, a new one included.
            budgets.Add(new(SmsOtpThrottleKeys.SpentFlow(resendOfFlowId), 1, Hour, Charge: false));
            reasons.Add(new(SmsOtpThrottleReason.FlowSpent, Final: true));
            budgets.Add(new(SmsOtpThrottleKeys.FlowAttempts(resendOfFlowId), o.MaxAttemptsPerFlow, Hour, Charge: false));
            reasons.Add(new(SmsOtpThrottleReason.TooManyAttempts, Final: true));
        }

        return ReserveAsync(budgets, reasons, alsoRead, ct);
    }

    /// <summary>
    /// After Mosaic did not accept a send that <see cref="ReserveSendAsync(string, IPAddress?, string?, CancellationToken)"/> allowed (it failed, or refused the request):
    /// gives back the hourly budgets it charged; the cooldown stays (see the class remarks).
    /// </summary>
    /// <param name="phoneE164">The number, in E.164.</param>
    /// <param name="clientIp">The client's address, as given to <see cref="ReserveSendAsync(string, IPAddress?, string?, CancellationToken)"/>.</param>
    /// <param name="ct">Cancels the store call.</param>
    public ValueTask RefundSendAsync(string phoneE164, IPAddress? clientIp, CancellationToken ct)
    {
        ThrowIfNotE164(phoneE164);
        return _store.RefundAsync(
            [
                new(SmsOtpThrottleKeys.GlobalSends),
                new(SmsOtpThrottleKeys.ClientIpSends(clientIp)),
                new(SmsOtpThrottleKeys.NumberSends(phoneE164)),
            ],
            ct);
    }

    /// <summary>
    /// Before a code is checked with Mosaic: refuses a spent flow, a flow that has used its attempts, and a number with too
    /// many wrong codes (this hour, or in a row); otherwise charges the attempt to all three. Call it once per code
    /// submitted, then <see cref="SettleAttemptAsync"/> unless Mosaic said the code was wrong.
    /// </summary>
    /// <param name="phoneE164">The flow's number, in E.164.</param>
    /// <param name="flowId">An identifier unique to the flow.</param>
    /// <param name="flowExpiresAt">When the flow ends: its attempts are counted until then.</param>
    /// <param name="ct">Cancels the store call.</param>
    public async ValueTask<SmsOtpThrottleDecision> ReserveAttemptAsync(string phoneE164, string flowId, DateTimeOffset flowExpiresAt, CancellationToken ct)
        => (await ReserveAttemptAsync(phoneE164, flowId, flowExpiresAt, [], ct).ConfigureAwait(false)).Decision;

    /// <summary>
    /// <see cref="ReserveAttemptAsync(string, string, DateTimeOffset, CancellationToken)"/>, reading the counters of
    /// <paramref name="alsoRead"/> in the same store call (one Redis round trip).
    /// </summary>
    /// <param name="phoneE164">The flow's number, in E.164.</param>
    /// <param name="flowId">An identifier unique to the flow.</param>
    /// <param name="flowExpiresAt">When the flow ends: its attempts are counted until then.</param>
    /// <param name="alsoRead">Keys whose counters the caller needs beside the decision; they are neither checked nor charged.</param>
    /// <param name="ct">Cancels the store call.</param>
    public ValueTask<SmsOtpThrottleOutcome> ReserveAttemptAsync(string phoneE164, string flowId, DateTimeOffset flowExpiresAt, IReadOnlyList<string> alsoRead, CancellationToken ct)
    {
        ThrowIfNotE164(phoneE164);
        ArgumentException.ThrowIfNullOrEmpty(flowId);
        var budgets = new List<SmsOtpThrottleBudget>(4)
        {
            new(SmsOtpThrottleKeys.SpentFlow(flowId), 1, Hour, Charge: false),
            new(SmsOtpThrottleKeys.FlowAttempts(flowId), _options.MaxAttemptsPerFlow, FlowWindow(flowExpiresAt), Charge: true),
        };
        var reasons = new List<Refusal>(4) { new(SmsOtpThrottleReason.FlowSpent, Final: true), new(SmsOtpThrottleReason.TooManyAttempts, Final: true) };
        AddNumberAttemptBudgets(budgets, reasons, phoneE164, charge: true);

        // A number the tenant's policy has locked gets no code checked: nothing is charged for it.
        budgets.Add(new(SmsOtpThrottleKeys.PolicyLocked(phoneE164), 1, Hour, Charge: false));
        reasons.Add(new(SmsOtpThrottleReason.TooManyAttempts));
        return ReserveAsync(budgets, reasons, alsoRead, ct);
    }

    /// <summary>
    /// After Mosaic answered (or failed to answer) an attempt that <see cref="ReserveAttemptAsync(string, string, DateTimeOffset, CancellationToken)"/> allowed: gives back
    /// what was no wrong code. A wrong code makes no store call.
    /// </summary>
    /// <param name="phoneE164">The flow's number, in E.164.</param>
    /// <param name="flowId">The flow.</param>
    /// <param name="result">What became of the attempt.</param>
    /// <param name="ct">Cancels the store call.</param>
    public ValueTask SettleAttemptAsync(string phoneE164, string flowId, SmsOtpAttemptResult result, CancellationToken ct)
    {
        var refunds = AttemptRefunds(phoneE164, flowId, result);
        return refunds.Length == 0 ? ValueTask.CompletedTask : _store.RefundAsync(refunds, ct);
    }

    /// <summary>
    /// What <see cref="SettleAttemptAsync"/> gives back, for a caller that gives it back with its own counters in one store
    /// call; empty for a wrong code.
    /// </summary>
    /// <param name="phoneE164">The flow's number, in E.164.</param>
    /// <param name="flowId">The flow.</param>
    /// <param name="result">What became of the attempt.</param>
    public static SmsOtpThrottleRefund[] AttemptRefunds(string phoneE164, string flowId, SmsOtpAttemptResult result)
    {
        ThrowIfNotE164(phoneE164);
        ArgumentException.ThrowIfNullOrEmpty(flowId);
        return result switch
        {
            SmsOtpAttemptResult.WrongCode => [],

            // NIST SP 800-63B §5.2.2 lets past failures be disregarded on success: the run ends.
            SmsOtpAttemptResult.RightCode =>
                [new(SmsOtpThrottleKeys.NumberFailures(phoneE164)), new(SmsOtpThrottleKeys.NumberConsecutiveFailures(phoneE164), Clear: true)],
            SmsOtpAttemptResult.NotWrong =>
                [new(SmsOtpThrottleKeys.NumberFailures(phoneE164)), new(SmsOtpThrottleKeys.NumberConsecutiveFailures(phoneE164))],
            _ =>
                [new(SmsOtpThrottleKeys.FlowAttempts(flowId)), new(SmsOtpThrottleKeys.NumberFailures(phoneE164)), new(SmsOtpThrottleKeys.NumberConsecutiveFailures(phoneE164))],
        };
    }

    /// <summary>
    /// At the callback: records the flow as spent until it ends, unless it already was (then the decision refuses with
    /// <see cref="SmsOtpThrottleReason.FlowSpent"/>). Of concurrent callbacks for one flow, on any instance, one goes ahead.
    /// </summary>
    /// <param name="flowId">The flow.</param>
    /// <param name="flowExpiresAt">When the flow ends; the record lasts until then.</param>
    /// <param name="ct">Cancels the store call.</param>
    public async ValueTask<SmsOtpThrottleDecision> ConsumeFlowAsync(string flowId, DateTimeOffset flowExpiresAt, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(flowId);
        var reservation = await _store.ReserveAsync([new(SmsOtpThrottleKeys.SpentFlow(flowId), 1, FlowWindow(flowExpiresAt), Charge: true)], ct).ConfigureAwait(false);
        return reservation.IsAllowed ? default : new(SmsOtpThrottleReason.FlowSpent, TimeSpan.Zero);
    }

    /// <summary>Refuses a flow that has signed in (<see cref="SmsOtpThrottleReason.FlowSpent"/>); charges nothing.</summary>
    /// <param name="flowId">The flow.</param>
    /// <param name="ct">Cancels the store call.</param>
    public async ValueTask<SmsOtpThrottleDecision> CheckFlowNotSpentAsync(string flowId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(flowId);
        var spent = (await _store.ReadAsync(ct, SmsOtpThrottleKeys.SpentFlow(flowId)).ConfigureAwait(false))[0] is not null;
        return spent ? new(SmsOtpThrottleReason.FlowSpent, TimeSpan.Zero) : default;
    }

    /// <summary>
    /// For the code page: the keys whose counters tell how many more codes may be checked for the flow before one of the
    /// throttle's limits refuses (the flow's attempts, the number's wrong codes this hour and in a row; the tenant's
    /// lockout is <c>SmsOtpCodePolicy</c>'s), and how long until the number's cooldown lets another code go. Read with the
    /// policy's in one store call; <see cref="FlowLimitsFrom"/> interprets them.
    /// </summary>
    /// <param name="phoneE164">The flow's number, in E.164.</param>
    /// <param name="flowId">The flow.</param>
    public static string[] FlowLimitKeys(string phoneE164, string flowId)
    {
        ThrowIfNotE164(phoneE164);
        ArgumentException.ThrowIfNullOrEmpty(flowId);
        return
        [
            SmsOtpThrottleKeys.FlowAttempts(flowId),
            SmsOtpThrottleKeys.NumberFailures(phoneE164),
            SmsOtpThrottleKeys.NumberConsecutiveFailures(phoneE164),
            SmsOtpThrottleKeys.SendCooldown(phoneE164),
        ];
    }

    /// <summary>Attempts left and the wait until a resend, from the counters of <see cref="FlowLimitKeys"/> read from <paramref name="offset"/> on.</summary>
    public (int AttemptsLeft, TimeSpan ResendAllowedIn) FlowLimitsFrom(IReadOnlyList<SmsOtpThrottleCounter?> counters, int offset)
    {
        var left = Math.Min(
            _options.MaxAttemptsPerFlow - (counters[offset]?.Count ?? 0),
            Math.Min(_options.MaxAttemptsPerNumberPerHour - (counters[offset + 1]?.Count ?? 0), _options.MaxConsecutiveFailuresPerNumber - (counters[offset + 2]?.Count ?? 0)));
        var now = _timeProvider.GetUtcNow();
        var resendIn = counters[offset + 3] is { } cooldown && cooldown.ResetsAt > now ? cooldown.ResetsAt - now : TimeSpan.Zero;
        return ((int)Math.Max(0, left), resendIn);
    }

    private void AddNumberAttemptBudgets(List<SmsOtpThrottleBudget> budgets, List<Refusal> reasons, string phoneE164, bool charge)
    {
        budgets.Add(new(SmsOtpThrottleKeys.NumberFailures(phoneE164), _options.MaxAttemptsPerNumberPerHour, Hour, charge));
        budgets.Add(new(SmsOtpThrottleKeys.NumberConsecutiveFailures(phoneE164), _options.MaxConsecutiveFailuresPerNumber, _options.ConsecutiveFailureWindow, charge));
        reasons.Add(new(SmsOtpThrottleReason.TooManyAttempts));
        reasons.Add(new(SmsOtpThrottleReason.TooManyAttempts));
    }

    private TimeSpan FlowWindow(DateTimeOffset flowExpiresAt)
    {
        var left = flowExpiresAt - _timeProvider.GetUtcNow();
        return left > MinimumFlowWindow ? left : MinimumFlowWindow;
    }

    // One store call for the step's budgets (one reason each) and, after them, the keys the caller reads.
    private async ValueTask<SmsOtpThrottleOutcome> ReserveAsync(List<SmsOtpThrottleBudget> budgets, List<Refusal> reasons, IReadOnlyList<string> alsoRead, CancellationToken ct)
    {
        foreach (var key in alsoRead)
        {
            budgets.Add(SmsOtpThrottleStoreExtensions.Read(key));
        }

        var reservation = await _store.ReserveAsync(budgets, ct).ConfigureAwait(false);
        var counters = SmsOtpThrottleStoreExtensions.CountersOf(_store, budgets, reservation);
        var read = new SmsOtpThrottleCounter?[alsoRead.Count];
        for (var i = 0; i < read.Length; i++)
        {
            read[i] = counters[reasons.Count + i];
        }

        return new(reservation.IsAllowed ? default : Decide(counters, budgets, reasons), read);
    }

    // The honest answer to "when can I retry?" is when the last of the limits in the way lifts. A spent or used-up flow
    // never recovers, so waiting does not help: zero, and it wins over any wait.
    private SmsOtpThrottleDecision Decide(IReadOnlyList<SmsOtpThrottleCounter?> counters, List<SmsOtpThrottleBudget> budgets, List<Refusal> reasons)
    {
        var now = _timeProvider.GetUtcNow();
        SmsOtpThrottleDecision refusal = default;
        for (var i = 0; i < reasons.Count; i++)
        {
            if (counters[i] is not { } counter || counter.Count < budgets[i].Limit)
            {
                continue;
            }

            if (reasons[i].Final)
            {
                return new(reasons[i].Reason, TimeSpan.Zero);
            }

            var wait = counter.ResetsAt > now ? counter.ResetsAt - now : TimeSpan.Zero;
            if (refusal.IsAllowed || wait > refusal.RetryAfter)
            {
                refusal = new(reasons[i].Reason, wait);
            }
        }

        // A store that refused without a full budget: fail closed, with the broadest reason.
        return refusal.IsAllowed ? new(reasons[0].Reason, TimeSpan.Zero) : refusal;
    }

    // Why a budget refuses; a final refusal (a spent or used-up flow) is one that waiting does not lift.
    private readonly record struct Refusal(SmsOtpThrottleReason Reason, bool Final = false);

    // Keys must come from the canonical number, or "+1 617..." and "+1617..." would get separate budgets.
    private static void ThrowIfNotE164(string phoneE164, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(phoneE164))] string? paramName = null)
    {
        if (!E164.IsValid(phoneE164))
        {
            throw new ArgumentException("The phone number must be normalised to E.164 (see PhoneNumberNormalizer) before it is throttled.", paramName);
        }
    }
}
