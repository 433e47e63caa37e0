using System.Net;
using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Throttling;

/// <summary>
/// The throttle's decisions, against every store: <see cref="MemorySmsOtpThrottleTests"/> here, and the Redis tests
/// derive the same class. Each decision is one store call (<see cref="CountingStore"/>).
/// </summary>
public abstract class SmsOtpThrottleTests
{
    protected const string Number = "+16175551212";
    protected static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan FlowLifetime = TimeSpan.FromMinutes(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private CountingStore? _store;

    protected FakeTimeProvider Time => _time;

    /// <summary>The store under test, counting its calls.</summary>
    protected CountingStore Store => _store ??= new CountingStore(CreateStore(_time));

    /// <summary>Creates the store under test on <paramref name="timeProvider"/>; called on first use.</summary>
    protected abstract ISmsOtpThrottleStore CreateStore(FakeTimeProvider timeProvider);

    /// <summary>Reads a counter as the store holds it; <see langword="null"/> when absent or expired.</summary>
    protected abstract Task<SmsOtpThrottleCounter?> PeekAsync(string key);

    private SmsOtpThrottle Throttle(Action<MosaicSmsOtpThrottlingOptions>? configure = null)
    {
        var options = new MosaicSmsOtpThrottlingOptions();
        configure?.Invoke(options);
        return new SmsOtpThrottle(Store, options, _time);
    }

    private static string NumberAt(int i) => "+1617555" + (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<long> CountAsync(string key) => (await PeekAsync(key))?.Count ?? 0;

    private DateTimeOffset FlowEnd => _time.GetUtcNow() + FlowLifetime;

    // ---- sends ----

    [Fact]
    public async Task First_send_is_allowed_and_counted_everywhere()
    {
        var decision = await Throttle().ReserveSendAsync(Number, Client, null, CancellationToken.None);

        Assert.True(decision.IsAllowed);
        Assert.Equal(TimeSpan.Zero, decision.RetryAfter);
        Assert.Equal(1, await CountAsync(SmsOtpThrottleKeys.NumberSends(Number)));
        Assert.Equal(1, await CountAsync(SmsOtpThrottleKeys.ClientIpSends(Client)));
        Assert.Equal(1, await CountAsync(SmsOtpThrottleKeys.GlobalSends));
    }

    [Fact]
    public async Task Second_send_within_the_cooldown_is_refused_until_it_ends()
    {
        var throttle = Throttle();
        await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(20));

        var refused = await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None);

        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.ResendCooldown, TimeSpan.FromSeconds(40)), refused);
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.True((await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task Refused_sends_do_not_extend_the_cooldown_or_use_the_number_budget()
    {
        var throttle = Throttle();
        await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            Assert.Equal(SmsOtpThrottleReason.ResendCooldown, (await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None)).Reason);
        }

        _time.Advance(TimeSpan.FromSeconds(10)); // 60 s after the first send

        Assert.True((await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None)).IsAllowed);
        Assert.Equal(2, await CountAsync(SmsOtpThrottleKeys.NumberSends(Number)));
        Assert.Equal(2, await CountAsync(SmsOtpThrottleKeys.ClientIpSends(Client)));
        Assert.Equal(2, await CountAsync(SmsOtpThrottleKeys.GlobalSends));
    }

    [Fact]
    public async Task A_number_gets_its_hourly_sends_then_waits_for_the_window()
    {
        var throttle = Throttle();
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None)).IsAllowed);
            _time.Advance(Cooldown);
        }

        var refused = await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None);

        // Five minutes into the hour that began with the first send.
        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.NumberHourlyLimit, Hour - TimeSpan.FromMinutes(5)), refused);
        _time.Advance(refused.RetryAfter);
        Assert.True((await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task The_number_limit_applies_whatever_the_client()
    {
        var throttle = Throttle(o => o.MaxSendsPerNumberPerHour = 2);
        for (var i = 0; i < 2; i++)
        {
            Assert.True((await throttle.ReserveSendAsync(Number, IPAddress.Parse("198.51.100." + i), null, CancellationToken.None)).IsAllowed);
            _time.Advance(Cooldown);
        }

        Assert.Equal(SmsOtpThrottleReason.NumberHourlyLimit, (await throttle.ReserveSendAsync(Number, IPAddress.Parse("192.0.2.99"), null, CancellationToken.None)).Reason);
    }

    [Fact]
    public async Task Refusal_reports_the_limit_that_lifts_last()
    {
        var throttle = Throttle(o => o.MaxSendsPerNumberPerHour = 1);
        await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None);

        // Both the cooldown and the hourly limit are in the way: waiting out the cooldown alone would not help.
        var refused = await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None);

        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.NumberHourlyLimit, Hour), refused);
    }

    [Fact]
    public async Task A_client_gets_its_hourly_sends_across_numbers_and_other_clients_are_unaffected()
    {
        var throttle = Throttle(o => o.MaxSendsPerClientIpPerHour = 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await throttle.ReserveSendAsync(NumberAt(i), Client, null, CancellationToken.None)).IsAllowed);
        }

        _time.Advance(TimeSpan.FromMinutes(10));
        var refused = await throttle.ReserveSendAsync(NumberAt(3), Client, null, CancellationToken.None);

        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.ClientIpHourlyLimit, TimeSpan.FromMinutes(50)), refused);
        Assert.True((await throttle.ReserveSendAsync(NumberAt(3), IPAddress.Parse("198.51.100.1"), null, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task A_send_refused_for_the_client_leaves_no_trace_on_the_number()
    {
        var throttle = Throttle(o => o.MaxSendsPerClientIpPerHour = 1);
        await throttle.ReserveSendAsync(NumberAt(0), Client, null, CancellationToken.None);

        Assert.Equal(SmsOtpThrottleReason.ClientIpHourlyLimit, (await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None)).Reason);

        Assert.Null(await PeekAsync(SmsOtpThrottleKeys.SendCooldown(Number)));
        Assert.Null(await PeekAsync(SmsOtpThrottleKeys.NumberSends(Number)));
        Assert.True((await throttle.ReserveSendAsync(Number, IPAddress.Parse("198.51.100.1"), null, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task Ipv6_clients_in_one_64_share_a_budget_and_other_64s_do_not()
    {
        var throttle = Throttle(o => o.MaxSendsPerClientIpPerHour = 1);
        await throttle.ReserveSendAsync(NumberAt(0), IPAddress.Parse("2001:db8:1:2::1"), null, CancellationToken.None);

        Assert.Equal(SmsOtpThrottleReason.ClientIpHourlyLimit, (await throttle.ReserveSendAsync(NumberAt(1), IPAddress.Parse("2001:db8:1:2:ffff::9"), null, CancellationToken.None)).Reason);
        Assert.True((await throttle.ReserveSendAsync(NumberAt(2), IPAddress.Parse("2001:db8:1:3::1"), null, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task Ipv4_mapped_ipv6_counts_as_the_ipv4_address()
    {
        var throttle = Throttle(o => o.MaxSendsPerClientIpPerHour = 1);
        await throttle.ReserveSendAsync(NumberAt(0), IPAddress.Parse("203.0.113.7"), null, CancellationToken.None);

        Assert.Equal(SmsOtpThrottleReason.ClientIpHourlyLimit, (await throttle.ReserveSendAsync(NumberAt(1), IPAddress.Parse("::ffff:203.0.113.7"), null, CancellationToken.None)).Reason);
    }

    [Fact]
    public async Task Clients_with_no_known_ip_share_one_budget()
    {
        var throttle = Throttle(o => o.MaxSendsPerClientIpPerHour = 2);
        await throttle.ReserveSendAsync(NumberAt(0), null, null, CancellationToken.None);
        await throttle.ReserveSendAsync(NumberAt(1), null, null, CancellationToken.None);

        Assert.Equal(SmsOtpThrottleReason.ClientIpHourlyLimit, (await throttle.ReserveSendAsync(NumberAt(2), null, null, CancellationToken.None)).Reason);
        Assert.True((await throttle.ReserveSendAsync(NumberAt(2), Client, null, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task The_global_budget_trips_with_its_own_reason_and_resets_with_its_window()
    {
        var throttle = Throttle(o => o.MaxSendsPerHour = 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await throttle.ReserveSendAsync(NumberAt(i), IPAddress.Parse("198.51.100." + i), null, CancellationToken.None)).IsAllowed);
        }

        var refused = await throttle.ReserveSendAsync(NumberAt(3), IPAddress.Parse("198.51.100.3"), null, CancellationToken.None);

        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.GlobalHourlyBudget, Hour), refused);
        _time.Advance(Hour);
        Assert.True((await throttle.ReserveSendAsync(NumberAt(3), IPAddress.Parse("198.51.100.3"), null, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task Zero_cooldown_allows_back_to_back_sends_up_to_the_hourly_limit()
    {
        var throttle = Throttle(o => { o.ResendCooldown = TimeSpan.Zero; o.MaxSendsPerNumberPerHour = 3; });

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None)).IsAllowed);
        }

        Assert.Equal(SmsOtpThrottleReason.NumberHourlyLimit, (await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None)).Reason);
    }

    [Fact]
    public async Task Hundred_parallel_sends_to_one_number_allow_exactly_one()
    {
        var throttle = Throttle();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(async () => await throttle.ReserveSendAsync(Number, IPAddress.Parse("198.51.100." + i), null, CancellationToken.None))));

        Assert.Single(decisions, d => d.IsAllowed);
        Assert.All(decisions.Where(d => !d.IsAllowed), d => Assert.Equal(SmsOtpThrottleReason.ResendCooldown, d.Reason));
        Assert.Equal(1, await CountAsync(SmsOtpThrottleKeys.NumberSends(Number)));
        Assert.Equal(1, await CountAsync(SmsOtpThrottleKeys.GlobalSends));
    }

    [Fact]
    public async Task Parallel_sends_from_one_client_allow_exactly_its_budget_and_count_only_those()
    {
        var throttle = Throttle(o => o.MaxSendsPerClientIpPerHour = 20);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(async () => await throttle.ReserveSendAsync(NumberAt(i), Client, null, CancellationToken.None))));

        Assert.Equal(20, decisions.Count(d => d.IsAllowed));
        Assert.All(decisions.Where(d => !d.IsAllowed), d => Assert.Equal(SmsOtpThrottleReason.ClientIpHourlyLimit, d.Reason));
        Assert.Equal(20, await CountAsync(SmsOtpThrottleKeys.GlobalSends));
        for (var i = 0; i < 100; i++)
        {
            // A number is in cooldown exactly when its send went ahead.
            var sent = await CountAsync(SmsOtpThrottleKeys.NumberSends(NumberAt(i)));
            var cooling = await CountAsync(SmsOtpThrottleKeys.SendCooldown(NumberAt(i)));
            Assert.Equal(sent, cooling);
        }
    }

    [Fact]
    public async Task Parallel_sends_across_clients_stop_exactly_at_the_global_budget()
    {
        var throttle = Throttle(o => o.MaxSendsPerHour = 10);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(async () => await throttle.ReserveSendAsync(NumberAt(i), IPAddress.Parse("198.51.100." + i), null, CancellationToken.None))));

        Assert.Equal(10, decisions.Count(d => d.IsAllowed));
        Assert.All(decisions.Where(d => !d.IsAllowed), d => Assert.Equal(SmsOtpThrottleReason.GlobalHourlyBudget, d.Reason));
    }

    [Fact]
    public async Task The_store_never_sees_the_number_or_the_client_address()
    {
        var throttle = Throttle();

        await throttle.ReserveSendAsync(Number, Client, "flow-1", CancellationToken.None);
        await throttle.RefundSendAsync(Number, Client, CancellationToken.None);
        await throttle.ReserveAttemptAsync(Number, "flow-1", FlowEnd, CancellationToken.None);
        await throttle.SettleAttemptAsync(Number, "flow-1", SmsOtpAttemptResult.NotJudged, CancellationToken.None);
        await throttle.SettleAttemptAsync(Number, "flow-1", SmsOtpAttemptResult.RightCode, CancellationToken.None);
        await throttle.ConsumeFlowAsync("flow-1", FlowEnd, CancellationToken.None);

        Assert.NotEmpty(Store.Keys);
        Assert.All(Store.Keys, key =>
        {
            Assert.DoesNotContain("5551212", key, StringComparison.Ordinal);
            Assert.DoesNotContain("203.0.113", key, StringComparison.Ordinal);
            Assert.DoesNotContain("flow-1", key, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("+1 617 555 1212")]
    [InlineData("16175551212")]
    [InlineData("+\u0661\u0666\u0661\u0667\u0665\u0665\u0665\u0661\u0662\u0661\u0662")]
    [InlineData("")]
    public async Task Numbers_must_be_normalised_and_are_not_echoed_in_the_error(string input)
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(async () => await Throttle().ReserveSendAsync(input, Client, null, CancellationToken.None));
        Assert.Equal(0, Store.Calls);

        Assert.Equal("phoneE164", exception.ParamName);
        if (input.Length > 0)
        {
            Assert.DoesNotContain(input, exception.Message, StringComparison.Ordinal);
        }
    }

    // ---- attempts ----

    // A wrong code: the reservation is the count, and nothing is settled.
    private async Task FailAsync(SmsOtpThrottle throttle, string flowId, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True((await throttle.ReserveAttemptAsync(Number, flowId, FlowEnd, CancellationToken.None)).IsAllowed);
        }
    }

    [Fact]
    public async Task A_flow_refuses_every_code_after_its_attempts_are_used()
    {
        var throttle = Throttle();
        var flowEnd = FlowEnd;
        await FailAsync(throttle, "flow-1", 5);

        // The sixth submission is refused before Mosaic is asked, so even the right code cannot succeed.
        var refused = await throttle.ReserveAttemptAsync(Number, "flow-1", flowEnd, CancellationToken.None);

        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.TooManyAttempts, TimeSpan.Zero), refused);
        _time.Advance(FlowLifetime - TimeSpan.FromSeconds(1));
        Assert.False((await throttle.ReserveAttemptAsync(Number, "flow-1", flowEnd, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task A_new_flow_gets_fresh_attempts_while_the_number_has_failures_left()
    {
        var throttle = Throttle();
        await FailAsync(throttle, "flow-1", 5);

        Assert.True((await throttle.ReserveAttemptAsync(Number, "flow-2", FlowEnd, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task Wrong_codes_per_number_survive_new_flows_until_the_hour_ends()
    {
        var throttle = Throttle();
        await FailAsync(throttle, "flow-1", 5);
        _time.Advance(TimeSpan.FromMinutes(10));
        await FailAsync(throttle, "flow-2", 5);

        var refused = await throttle.ReserveAttemptAsync(Number, "flow-3", FlowEnd, CancellationToken.None);

        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.TooManyAttempts, TimeSpan.FromMinutes(50)), refused);
        _time.Advance(refused.RetryAfter);
        Assert.True((await throttle.ReserveAttemptAsync(Number, "flow-3", FlowEnd, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task A_refused_attempt_for_the_number_does_not_use_the_flow_attempts()
    {
        var throttle = Throttle(o => o.MaxAttemptsPerNumberPerHour = 2);
        await FailAsync(throttle, "flow-1", 2);

        Assert.False((await throttle.ReserveAttemptAsync(Number, "flow-2", FlowEnd, CancellationToken.None)).IsAllowed);

        Assert.Null(await PeekAsync(SmsOtpThrottleKeys.FlowAttempts("flow-2")));
    }

    [Fact]
    public async Task A_right_code_is_no_wrong_code_ends_the_run_and_keeps_the_number_earlier_failures()
    {
        var throttle = Throttle();
        await FailAsync(throttle, "flow-1", 3);
        Assert.True((await throttle.ReserveAttemptAsync(Number, "flow-1", FlowEnd, CancellationToken.None)).IsAllowed);
        Assert.Equal(4, await CountAsync(SmsOtpThrottleKeys.NumberFailures(Number)));

        await throttle.SettleAttemptAsync(Number, "flow-1", SmsOtpAttemptResult.RightCode, CancellationToken.None);

        Assert.Equal(3, await CountAsync(SmsOtpThrottleKeys.NumberFailures(Number)));
        Assert.Null(await PeekAsync(SmsOtpThrottleKeys.NumberConsecutiveFailures(Number)));
        Assert.Equal(4, await CountAsync(SmsOtpThrottleKeys.FlowAttempts("flow-1")));
    }

    [Fact]
    public async Task Parallel_guesses_for_one_flow_are_limited_to_its_attempts()
    {
        var throttle = Throttle();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
            Task.Run(async () => await throttle.ReserveAttemptAsync(Number, "flow-1", FlowEnd, CancellationToken.None))));

        Assert.Equal(5, decisions.Count(d => d.IsAllowed));
    }

    // ---- options (their ranges are the validator's: OptionsTests) ----

    [Fact]
    public void Defaults_match_the_documented_values()
    {
        var options = new MosaicSmsOtpThrottlingOptions();

        Assert.Equal(TimeSpan.FromSeconds(60), options.ResendCooldown);
        Assert.Equal(5, options.MaxSendsPerNumberPerHour);
        Assert.Equal(20, options.MaxSendsPerClientIpPerHour);
        Assert.Equal(1000, options.MaxSendsPerHour);
        Assert.Equal(5, options.MaxAttemptsPerFlow);
        Assert.Equal(10, options.MaxAttemptsPerNumberPerHour);
    }

    // ---- consecutive failures (NIST SP 800-63B §5.2.2: at most 100) ----

    [Fact]
    public async Task Wrong_codes_spread_over_many_hours_stop_at_the_consecutive_limit()
    {
        var throttle = Throttle(o => o.MaxConsecutiveFailuresPerNumber = 30);
        for (var hour = 0; hour < 3; hour++)
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var flowId = $"flow-{hour}-{attempt}";
                Assert.True((await throttle.ReserveAttemptAsync(Number, flowId, FlowEnd, CancellationToken.None)).IsAllowed);
            }

            _time.Advance(Hour);
        }

        var refused = await throttle.ReserveAttemptAsync(Number, "flow-next", FlowEnd, CancellationToken.None);

        Assert.Equal(SmsOtpThrottleReason.TooManyAttempts, refused.Reason);
        Assert.Equal(TimeSpan.FromHours(24) - TimeSpan.FromHours(3), refused.RetryAfter);
        var send = await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None);
        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.TooManyAttempts, TimeSpan.FromHours(21)), send);

        // Temporary (checklist B-16): once the window has passed, codes may be checked again.
        _time.Advance(TimeSpan.FromHours(21));
        Assert.True((await throttle.ReserveAttemptAsync(Number, "flow-after", FlowEnd, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task A_resend_is_refused_once_the_flow_has_used_its_attempts()
    {
        var throttle = Throttle(o => o.MaxAttemptsPerFlow = 2);
        await throttle.ReserveAttemptAsync(Number, "flow", FlowEnd, CancellationToken.None);
        _time.Advance(Cooldown);
        Assert.True((await throttle.ReserveSendAsync(Number, Client, "flow", CancellationToken.None)).IsAllowed);

        await throttle.ReserveAttemptAsync(Number, "flow", FlowEnd, CancellationToken.None);
        _time.Advance(Cooldown);

        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.TooManyAttempts, TimeSpan.Zero), await throttle.ReserveSendAsync(Number, Client, "flow", CancellationToken.None));
        Assert.True((await throttle.ReserveSendAsync(Number, Client, "another-flow", CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task A_correct_code_ends_the_run_of_consecutive_failures()
    {
        var throttle = Throttle(o => o.MaxConsecutiveFailuresPerNumber = 3);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await throttle.ReserveAttemptAsync(Number, "flow-a", FlowEnd, CancellationToken.None);
        }

        await throttle.ReserveAttemptAsync(Number, "flow-a", FlowEnd, CancellationToken.None);
        await throttle.SettleAttemptAsync(Number, "flow-a", SmsOtpAttemptResult.RightCode, CancellationToken.None);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.True((await throttle.ReserveAttemptAsync(Number, "flow-b", FlowEnd, CancellationToken.None)).IsAllowed);
        }

        Assert.Equal(2, await CountAsync(SmsOtpThrottleKeys.NumberConsecutiveFailures(Number)));
        Assert.True((await throttle.ReserveAttemptAsync(Number, "flow-c", FlowEnd, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public void The_default_consecutive_limit_is_NISTs_100()
        => Assert.Equal(100, new MosaicSmsOtpThrottlingOptions().MaxConsecutiveFailuresPerNumber);

    // ---- one decision, one store call (issue #13: one Redis round trip) ----

    [Fact]
    public async Task Every_decision_is_one_store_call_and_a_step_that_does_not_count_one_more()
    {
        var throttle = Throttle();

        await Store.Measure(1, () => throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None));
        await Store.Measure(1, () => throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None)); // refused: cooldown
        _time.Advance(Cooldown);
        await Store.Measure(1, () => throttle.ReserveSendAsync(Number, Client, "flow-1", CancellationToken.None)); // resend, spent-flow check included
        await Store.Measure(1, () => throttle.RefundSendAsync(Number, Client, CancellationToken.None));
        await Store.Measure(1, () => throttle.ReserveAttemptAsync(Number, "flow-1", FlowEnd, CancellationToken.None));
        await Store.Measure(0, () => throttle.SettleAttemptAsync(Number, "flow-1", SmsOtpAttemptResult.WrongCode, CancellationToken.None));
        await Store.Measure(1, () => throttle.SettleAttemptAsync(Number, "flow-1", SmsOtpAttemptResult.RightCode, CancellationToken.None));
        await Store.Measure(1, () => throttle.ConsumeFlowAsync("flow-1", FlowEnd, CancellationToken.None));
    }

    // ---- B-37: attempts reserved before Mosaic is asked ----

    [Fact]
    public async Task B37_parallel_guesses_across_five_flows_never_exceed_the_number_cap()
    {
        var throttle = Throttle();

        // 5 flows for one number, each flow's 5 guesses at once: 25 wrong codes against a cap of 10 an hour.
        var decisions = await Task.WhenAll(Enumerable.Range(0, 25).Select(i =>
            Task.Run(async () => await throttle.ReserveAttemptAsync(Number, "flow-" + (i % 5), FlowEnd, CancellationToken.None))));

        Assert.Equal(10, decisions.Count(d => d.IsAllowed));
        Assert.Equal(10, await CountAsync(SmsOtpThrottleKeys.NumberFailures(Number)));
        Assert.All(decisions.Where(d => !d.IsAllowed), d => Assert.Equal(SmsOtpThrottleReason.TooManyAttempts, d.Reason));
    }

    [Fact]
    public async Task B37_parallel_guesses_never_exceed_the_consecutive_failures_limit()
    {
        var throttle = Throttle(o => { o.MaxAttemptsPerNumberPerHour = 100; o.MaxConsecutiveFailuresPerNumber = 30; });

        var decisions = await Task.WhenAll(Enumerable.Range(0, 150).Select(i =>
            Task.Run(async () => await throttle.ReserveAttemptAsync(Number, "flow-" + (i % 30), FlowEnd, CancellationToken.None))));

        Assert.Equal(30, decisions.Count(d => d.IsAllowed));
        Assert.Equal(30, await CountAsync(SmsOtpThrottleKeys.NumberConsecutiveFailures(Number)));
    }

    [Fact]
    public async Task B37_an_attempt_Mosaic_did_not_judge_gives_everything_back()
    {
        var throttle = Throttle(o => o.MaxAttemptsPerFlow = 2);
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await throttle.ReserveAttemptAsync(Number, "flow-1", FlowEnd, CancellationToken.None)).IsAllowed);
            Assert.Equal(1, await CountAsync(SmsOtpThrottleKeys.NumberFailures(Number)));
            Assert.Equal(1, await CountAsync(SmsOtpThrottleKeys.NumberConsecutiveFailures(Number)));
            await throttle.SettleAttemptAsync(Number, "flow-1", SmsOtpAttemptResult.NotJudged, CancellationToken.None);
        }

        Assert.Null(await PeekAsync(SmsOtpThrottleKeys.FlowAttempts("flow-1")));
        Assert.Null(await PeekAsync(SmsOtpThrottleKeys.NumberFailures(Number)));
        Assert.Null(await PeekAsync(SmsOtpThrottleKeys.NumberConsecutiveFailures(Number)));
        Assert.True((await throttle.ReserveAttemptAsync(Number, "flow-1", FlowEnd, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task B37_a_code_judged_not_wrong_keeps_the_flow_attempt_only()
    {
        var throttle = Throttle();
        await throttle.ReserveAttemptAsync(Number, "flow-1", FlowEnd, CancellationToken.None);
        Assert.Equal(1, await CountAsync(SmsOtpThrottleKeys.NumberFailures(Number)));
        Assert.Equal(1, await CountAsync(SmsOtpThrottleKeys.NumberConsecutiveFailures(Number)));

        await throttle.SettleAttemptAsync(Number, "flow-1", SmsOtpAttemptResult.NotWrong, CancellationToken.None);

        Assert.Equal(1, await CountAsync(SmsOtpThrottleKeys.FlowAttempts("flow-1")));
        Assert.Null(await PeekAsync(SmsOtpThrottleKeys.NumberFailures(Number)));
        Assert.Null(await PeekAsync(SmsOtpThrottleKeys.NumberConsecutiveFailures(Number)));
    }

    [Fact]
    public async Task B37_a_flow_attempts_last_until_the_flow_ends()
    {
        var throttle = Throttle();
        await throttle.ReserveAttemptAsync(Number, "flow-1", _time.GetUtcNow() + TimeSpan.FromMinutes(7), CancellationToken.None);

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(7), (await PeekAsync(SmsOtpThrottleKeys.FlowAttempts("flow-1")))!.Value.ResetsAt);
    }

    // ---- B-42: only what Mosaic accepted is charged ----

    [Fact]
    public async Task B42_an_outage_of_ordinary_retries_leaves_no_charge_and_a_new_user_gets_a_code()
    {
        var throttle = Throttle();

        // 94 people, each retrying 10 times a cooldown apart, every send failing upstream: 940 failed sends.
        for (var retry = 0; retry < 10; retry++)
        {
            for (var person = 0; person < 94; person++)
            {
                var ip = IPAddress.Parse("198.51.100." + person);
                Assert.True((await throttle.ReserveSendAsync(NumberAt(person), ip, null, CancellationToken.None)).IsAllowed);
                await throttle.RefundSendAsync(NumberAt(person), ip, CancellationToken.None);
            }

            _time.Advance(Cooldown);
        }

        Assert.Null(await PeekAsync(SmsOtpThrottleKeys.GlobalSends));
        Assert.Null(await PeekAsync(SmsOtpThrottleKeys.NumberSends(NumberAt(0))));
        Assert.Null(await PeekAsync(SmsOtpThrottleKeys.ClientIpSends(IPAddress.Parse("198.51.100.0"))));
        Assert.True((await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None)).IsAllowed);
        Assert.True((await throttle.ReserveSendAsync(NumberAt(0), IPAddress.Parse("198.51.100.0"), null, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task B42_the_cooldown_of_a_send_in_flight_or_given_back_admits_no_second_send()
    {
        var throttle = Throttle();
        Assert.True((await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None)).IsAllowed);

        // While the first is with Mosaic: 20 more at once, none goes.
        var meanwhile = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Task.Run(async () => await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None))));
        await throttle.RefundSendAsync(Number, Client, CancellationToken.None);

        Assert.All(meanwhile, d => Assert.Equal(SmsOtpThrottleReason.ResendCooldown, d.Reason));
        Assert.Equal(SmsOtpThrottleReason.ResendCooldown, (await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None)).Reason);
        Assert.Null(await PeekAsync(SmsOtpThrottleKeys.NumberSends(Number)));
        _time.Advance(Cooldown);
        Assert.True((await throttle.ReserveSendAsync(Number, Client, null, CancellationToken.None)).IsAllowed);
    }

    // ---- B-40: spent flows ----

    [Fact]
    public async Task B40_a_consumed_flow_refuses_a_second_callback_a_resend_and_an_attempt_until_it_ends()
    {
        var throttle = Throttle();
        var flowEnd = _time.GetUtcNow() + TimeSpan.FromMinutes(8);
        Assert.True((await throttle.ConsumeFlowAsync("flow-1", flowEnd, CancellationToken.None)).IsAllowed);
        _time.Advance(Cooldown);

        var spent = new SmsOtpThrottleDecision(SmsOtpThrottleReason.FlowSpent, TimeSpan.Zero);
        Assert.Equal(spent, await throttle.ConsumeFlowAsync("flow-1", flowEnd, CancellationToken.None));
        Assert.Equal(spent, await throttle.ReserveSendAsync(Number, Client, "flow-1", CancellationToken.None));
        Assert.Equal(spent, await throttle.ReserveAttemptAsync(Number, "flow-1", flowEnd, CancellationToken.None));
        Assert.Null(await PeekAsync(SmsOtpThrottleKeys.NumberSends(Number)));
        Assert.Equal(flowEnd, (await PeekAsync(SmsOtpThrottleKeys.SpentFlow("flow-1")))!.Value.ResetsAt);
        Assert.True((await throttle.ReserveAttemptAsync(Number, "flow-2", flowEnd, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task B40_of_parallel_callbacks_for_one_flow_exactly_one_goes_ahead()
    {
        var throttle = Throttle();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Task.Run(async () => await throttle.ConsumeFlowAsync("flow-1", FlowEnd, CancellationToken.None))));

        Assert.Single(decisions, d => d.IsAllowed);
    }
}

public sealed class MemorySmsOtpThrottleTests : SmsOtpThrottleTests
{
    protected override ISmsOtpThrottleStore CreateStore(FakeTimeProvider timeProvider) => new MemorySmsOtpThrottleStore(timeProvider);

    protected override Task<SmsOtpThrottleCounter?> PeekAsync(string key) => Task.FromResult(((MemorySmsOtpThrottleStore)Store.Inner).Peek(key));
}
