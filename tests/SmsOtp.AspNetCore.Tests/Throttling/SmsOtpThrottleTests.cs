using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Throttling;

public sealed class SmsOtpThrottleTests
{
    private const string Number = "+16175551212";
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly MemorySmsOtpThrottleStore _store;

    public SmsOtpThrottleTests() => _store = new MemorySmsOtpThrottleStore(_time);

    private SmsOtpThrottle Throttle(Action<MosaicSmsOtpThrottlingOptions>? configure = null)
    {
        var options = new MosaicSmsOtpThrottlingOptions();
        configure?.Invoke(options);
        return new SmsOtpThrottle(_store, options, _time);
    }

    private static string NumberAt(int i) => "+1617555" + (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<long> CountAsync(string key) => (await _store.GetAsync(key, CancellationToken.None))?.Count ?? 0;

    // ---- sends ----

    [Fact]
    public async Task First_send_is_allowed_and_counted_everywhere()
    {
        var decision = await Throttle().CheckSendAsync(Number, Client, CancellationToken.None);

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
        await throttle.CheckSendAsync(Number, Client, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(20));

        var refused = await throttle.CheckSendAsync(Number, Client, CancellationToken.None);

        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.ResendCooldown, TimeSpan.FromSeconds(40)), refused);
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.True((await throttle.CheckSendAsync(Number, Client, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task Refused_sends_do_not_extend_the_cooldown_or_use_the_number_budget()
    {
        var throttle = Throttle();
        await throttle.CheckSendAsync(Number, Client, CancellationToken.None);
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            Assert.Equal(SmsOtpThrottleReason.ResendCooldown, (await throttle.CheckSendAsync(Number, Client, CancellationToken.None)).Reason);
        }

        _time.Advance(TimeSpan.FromSeconds(10)); // 60 s after the first send

        Assert.True((await throttle.CheckSendAsync(Number, Client, CancellationToken.None)).IsAllowed);
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
            Assert.True((await throttle.CheckSendAsync(Number, Client, CancellationToken.None)).IsAllowed);
            _time.Advance(Cooldown);
        }

        var refused = await throttle.CheckSendAsync(Number, Client, CancellationToken.None);

        // Five minutes into the hour that began with the first send.
        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.NumberHourlyLimit, Hour - TimeSpan.FromMinutes(5)), refused);
        _time.Advance(refused.RetryAfter);
        Assert.True((await throttle.CheckSendAsync(Number, Client, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task The_number_limit_applies_whatever_the_client()
    {
        var throttle = Throttle(o => o.MaxSendsPerNumberPerHour = 2);
        for (var i = 0; i < 2; i++)
        {
            Assert.True((await throttle.CheckSendAsync(Number, IPAddress.Parse("198.51.100." + i), CancellationToken.None)).IsAllowed);
            _time.Advance(Cooldown);
        }

        Assert.Equal(SmsOtpThrottleReason.NumberHourlyLimit, (await throttle.CheckSendAsync(Number, IPAddress.Parse("192.0.2.99"), CancellationToken.None)).Reason);
    }

    [Fact]
    public async Task Refusal_reports_the_limit_that_lifts_last()
    {
        var throttle = Throttle(o => o.MaxSendsPerNumberPerHour = 1);
        await throttle.CheckSendAsync(Number, Client, CancellationToken.None);

        // Both the cooldown and the hourly limit are in the way: waiting out the cooldown alone would not help.
        var refused = await throttle.CheckSendAsync(Number, Client, CancellationToken.None);

        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.NumberHourlyLimit, Hour), refused);
    }

    [Fact]
    public async Task A_client_gets_its_hourly_sends_across_numbers_and_other_clients_are_unaffected()
    {
        var throttle = Throttle(o => o.MaxSendsPerClientIpPerHour = 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await throttle.CheckSendAsync(NumberAt(i), Client, CancellationToken.None)).IsAllowed);
        }

        _time.Advance(TimeSpan.FromMinutes(10));
        var refused = await throttle.CheckSendAsync(NumberAt(3), Client, CancellationToken.None);

        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.ClientIpHourlyLimit, TimeSpan.FromMinutes(50)), refused);
        Assert.True((await throttle.CheckSendAsync(NumberAt(3), IPAddress.Parse("198.51.100.1"), CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task A_send_refused_for_the_client_leaves_no_trace_on_the_number()
    {
        var throttle = Throttle(o => o.MaxSendsPerClientIpPerHour = 1);
        await throttle.CheckSendAsync(NumberAt(0), Client, CancellationToken.None);

        Assert.Equal(SmsOtpThrottleReason.ClientIpHourlyLimit, (await throttle.CheckSendAsync(Number, Client, CancellationToken.None)).Reason);

        Assert.Null(await _store.GetAsync(SmsOtpThrottleKeys.SendCooldown(Number), CancellationToken.None));
        Assert.Null(await _store.GetAsync(SmsOtpThrottleKeys.NumberSends(Number), CancellationToken.None));
        Assert.True((await throttle.CheckSendAsync(Number, IPAddress.Parse("198.51.100.1"), CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task Ipv6_clients_in_one_64_share_a_budget_and_other_64s_do_not()
    {
        var throttle = Throttle(o => o.MaxSendsPerClientIpPerHour = 1);
        await throttle.CheckSendAsync(NumberAt(0), IPAddress.Parse("2001:db8:1:2::1"), CancellationToken.None);

        Assert.Equal(SmsOtpThrottleReason.ClientIpHourlyLimit, (await throttle.CheckSendAsync(NumberAt(1), IPAddress.Parse("2001:db8:1:2:ffff::9"), CancellationToken.None)).Reason);
        Assert.True((await throttle.CheckSendAsync(NumberAt(2), IPAddress.Parse("2001:db8:1:3::1"), CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task Ipv4_mapped_ipv6_counts_as_the_ipv4_address()
    {
        var throttle = Throttle(o => o.MaxSendsPerClientIpPerHour = 1);
        await throttle.CheckSendAsync(NumberAt(0), IPAddress.Parse("203.0.113.7"), CancellationToken.None);

        Assert.Equal(SmsOtpThrottleReason.ClientIpHourlyLimit, (await throttle.CheckSendAsync(NumberAt(1), IPAddress.Parse("::ffff:203.0.113.7"), CancellationToken.None)).Reason);
    }

    [Fact]
    public async Task Clients_with_no_known_ip_share_one_budget()
    {
        var throttle = Throttle(o => o.MaxSendsPerClientIpPerHour = 2);
        await throttle.CheckSendAsync(NumberAt(0), null, CancellationToken.None);
        await throttle.CheckSendAsync(NumberAt(1), null, CancellationToken.None);

        Assert.Equal(SmsOtpThrottleReason.ClientIpHourlyLimit, (await throttle.CheckSendAsync(NumberAt(2), null, CancellationToken.None)).Reason);
        Assert.True((await throttle.CheckSendAsync(NumberAt(2), Client, CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task The_global_budget_trips_with_its_own_reason_and_resets_with_its_window()
    {
        var throttle = Throttle(o => o.MaxSendsPerHour = 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await throttle.CheckSendAsync(NumberAt(i), IPAddress.Parse("198.51.100." + i), CancellationToken.None)).IsAllowed);
        }

        var refused = await throttle.CheckSendAsync(NumberAt(3), IPAddress.Parse("198.51.100.3"), CancellationToken.None);

        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.GlobalHourlyBudget, Hour), refused);
        _time.Advance(Hour);
        Assert.True((await throttle.CheckSendAsync(NumberAt(3), IPAddress.Parse("198.51.100.3"), CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task Zero_cooldown_allows_back_to_back_sends_up_to_the_hourly_limit()
    {
        var throttle = Throttle(o => { o.ResendCooldown = TimeSpan.Zero; o.MaxSendsPerNumberPerHour = 3; });

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await throttle.CheckSendAsync(Number, Client, CancellationToken.None)).IsAllowed);
        }

        Assert.Equal(SmsOtpThrottleReason.NumberHourlyLimit, (await throttle.CheckSendAsync(Number, Client, CancellationToken.None)).Reason);
    }

    [Fact]
    public async Task Hundred_parallel_sends_to_one_number_allow_exactly_one()
    {
        var throttle = Throttle();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(async () => await throttle.CheckSendAsync(Number, IPAddress.Parse("198.51.100." + i), CancellationToken.None))));

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
            Task.Run(async () => await throttle.CheckSendAsync(NumberAt(i), Client, CancellationToken.None))));

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
            Task.Run(async () => await throttle.CheckSendAsync(NumberAt(i), IPAddress.Parse("198.51.100." + i), CancellationToken.None))));

        Assert.Equal(10, decisions.Count(d => d.IsAllowed));
        Assert.All(decisions.Where(d => !d.IsAllowed), d => Assert.Equal(SmsOtpThrottleReason.GlobalHourlyBudget, d.Reason));
    }

    [Fact]
    public async Task The_store_never_sees_the_number_or_the_client_address()
    {
        var recording = new RecordingStore(_store);
        var throttle = new SmsOtpThrottle(recording, new MosaicSmsOtpThrottlingOptions(), _time);

        await throttle.CheckSendAsync(Number, Client, CancellationToken.None);
        await throttle.CheckAttemptAsync(Number, "flow-1", CancellationToken.None);
        await throttle.RecordFailedAttemptAsync(Number, "flow-1", CancellationToken.None);
        await throttle.RecordSuccessAsync(Number, "flow-1", CancellationToken.None);

        Assert.NotEmpty(recording.Keys);
        Assert.All(recording.Keys, key =>
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
        var exception = await Assert.ThrowsAsync<ArgumentException>(async () => await Throttle().CheckSendAsync(input, Client, CancellationToken.None));

        Assert.Equal("phoneE164", exception.ParamName);
        if (input.Length > 0)
        {
            Assert.DoesNotContain(input, exception.Message, StringComparison.Ordinal);
        }
    }

    // ---- attempts ----

    private async Task FailAsync(SmsOtpThrottle throttle, string flowId, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True((await throttle.CheckAttemptAsync(Number, flowId, CancellationToken.None)).IsAllowed);
            await throttle.RecordFailedAttemptAsync(Number, flowId, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_flow_refuses_every_code_after_its_attempts_are_used()
    {
        var throttle = Throttle();
        await FailAsync(throttle, "flow-1", 5);

        // The sixth submission is refused before Mosaic is asked, so even the right code cannot succeed.
        var refused = await throttle.CheckAttemptAsync(Number, "flow-1", CancellationToken.None);

        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.TooManyAttempts, TimeSpan.Zero), refused);
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.False((await throttle.CheckAttemptAsync(Number, "flow-1", CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task A_new_flow_gets_fresh_attempts_while_the_number_has_failures_left()
    {
        var throttle = Throttle();
        await FailAsync(throttle, "flow-1", 5);

        Assert.True((await throttle.CheckAttemptAsync(Number, "flow-2", CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task Wrong_codes_per_number_survive_new_flows_until_the_hour_ends()
    {
        var throttle = Throttle();
        await FailAsync(throttle, "flow-1", 5);
        _time.Advance(TimeSpan.FromMinutes(10));
        await FailAsync(throttle, "flow-2", 5);

        var refused = await throttle.CheckAttemptAsync(Number, "flow-3", CancellationToken.None);

        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.TooManyAttempts, TimeSpan.FromMinutes(50)), refused);
        _time.Advance(refused.RetryAfter);
        Assert.True((await throttle.CheckAttemptAsync(Number, "flow-3", CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task A_refused_attempt_for_the_number_does_not_use_the_flow_attempts()
    {
        var throttle = Throttle(o => o.MaxAttemptsPerNumberPerHour = 2);
        await FailAsync(throttle, "flow-1", 2);

        Assert.False((await throttle.CheckAttemptAsync(Number, "flow-2", CancellationToken.None)).IsAllowed);

        Assert.Null(await _store.GetAsync(SmsOtpThrottleKeys.FlowAttempts("flow-2"), CancellationToken.None));
    }

    [Fact]
    public async Task Success_forgets_the_flow_but_keeps_the_number_failures()
    {
        var throttle = Throttle();
        await FailAsync(throttle, "flow-1", 3);
        Assert.True((await throttle.CheckAttemptAsync(Number, "flow-1", CancellationToken.None)).IsAllowed);

        await throttle.RecordSuccessAsync(Number, "flow-1", CancellationToken.None);

        Assert.Null(await _store.GetAsync(SmsOtpThrottleKeys.FlowAttempts("flow-1"), CancellationToken.None));
        Assert.Equal(3, await CountAsync(SmsOtpThrottleKeys.NumberFailures(Number)));
    }

    [Fact]
    public async Task Parallel_guesses_for_one_flow_are_limited_to_its_attempts()
    {
        var throttle = Throttle();

        var decisions = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
            Task.Run(async () => await throttle.CheckAttemptAsync(Number, "flow-1", CancellationToken.None))));

        Assert.Equal(5, decisions.Count(d => d.IsAllowed));
    }

    // ---- options ----

    public static TheoryData<string, Action<MosaicSmsOtpThrottlingOptions>> InvalidOptions => new()
    {
        { nameof(MosaicSmsOtpThrottlingOptions.ResendCooldown), o => o.ResendCooldown = TimeSpan.FromSeconds(-1) },
        { nameof(MosaicSmsOtpThrottlingOptions.ResendCooldown), o => o.ResendCooldown = TimeSpan.FromHours(2) },
        { nameof(MosaicSmsOtpThrottlingOptions.MaxSendsPerNumberPerHour), o => o.MaxSendsPerNumberPerHour = 0 },
        { nameof(MosaicSmsOtpThrottlingOptions.MaxSendsPerClientIpPerHour), o => o.MaxSendsPerClientIpPerHour = -1 },
        { nameof(MosaicSmsOtpThrottlingOptions.MaxSendsPerHour), o => o.MaxSendsPerHour = 0 },
        { nameof(MosaicSmsOtpThrottlingOptions.MaxAttemptsPerFlow), o => o.MaxAttemptsPerFlow = 0 },
        { nameof(MosaicSmsOtpThrottlingOptions.MaxAttemptsPerNumberPerHour), o => o.MaxAttemptsPerNumberPerHour = 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Out_of_range_options_are_refused_naming_the_option(string option, Action<MosaicSmsOtpThrottlingOptions> configure)
    {
        var exception = Assert.Throws<ArgumentException>(() => Throttle(configure));

        Assert.Contains(option, exception.Message, StringComparison.Ordinal);
    }

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

    private sealed class RecordingStore(ISmsOtpThrottleStore inner) : ISmsOtpThrottleStore
    {
        private readonly ConcurrentQueue<string> _keys = new();

        public IReadOnlyCollection<string> Keys => _keys;

        public ValueTask<SmsOtpThrottleCounter> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
        {
            _keys.Enqueue(key);
            return inner.IncrementAsync(key, window, cancellationToken);
        }

        public ValueTask<SmsOtpThrottleCounter?> GetAsync(string key, CancellationToken cancellationToken)
        {
            _keys.Enqueue(key);
            return inner.GetAsync(key, cancellationToken);
        }

        public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
        {
            _keys.Enqueue(key);
            return inner.RemoveAsync(key, cancellationToken);
        }
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
                Assert.True((await throttle.CheckAttemptAsync(Number, flowId, CancellationToken.None)).IsAllowed);
                await throttle.RecordFailedAttemptAsync(Number, flowId, CancellationToken.None);
            }

            _time.Advance(Hour);
        }

        var refused = await throttle.CheckAttemptAsync(Number, "flow-next", CancellationToken.None);

        Assert.Equal(SmsOtpThrottleReason.TooManyAttempts, refused.Reason);
        Assert.Equal(TimeSpan.FromHours(24) - TimeSpan.FromHours(3), refused.RetryAfter);
        var send = await throttle.CheckSendAsync(Number, Client, CancellationToken.None);
        Assert.Equal(new SmsOtpThrottleDecision(SmsOtpThrottleReason.TooManyAttempts, TimeSpan.FromHours(21)), send);

        // Temporary (checklist B-16): once the window has passed, codes may be checked again.
        _time.Advance(TimeSpan.FromHours(21));
        Assert.True((await throttle.CheckAttemptAsync(Number, "flow-after", CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public async Task A_flow_is_spent_once_it_has_used_its_attempts()
    {
        var throttle = Throttle(o => o.MaxAttemptsPerFlow = 2);
        await throttle.CheckAttemptAsync(Number, "flow", CancellationToken.None);
        Assert.False(await throttle.IsFlowSpentAsync("flow", CancellationToken.None));

        await throttle.CheckAttemptAsync(Number, "flow", CancellationToken.None);

        Assert.True(await throttle.IsFlowSpentAsync("flow", CancellationToken.None));
        Assert.False(await throttle.IsFlowSpentAsync("another-flow", CancellationToken.None));
    }

    [Fact]
    public async Task A_correct_code_ends_the_run_of_consecutive_failures()
    {
        var throttle = Throttle(o => o.MaxConsecutiveFailuresPerNumber = 3);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await throttle.CheckAttemptAsync(Number, "flow-a", CancellationToken.None);
            await throttle.RecordFailedAttemptAsync(Number, "flow-a", CancellationToken.None);
        }

        await throttle.RecordSuccessAsync(Number, "flow-a", CancellationToken.None);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.True((await throttle.CheckAttemptAsync(Number, "flow-b", CancellationToken.None)).IsAllowed);
            await throttle.RecordFailedAttemptAsync(Number, "flow-b", CancellationToken.None);
        }

        Assert.Equal(2, await CountAsync(SmsOtpThrottleKeys.NumberConsecutiveFailures(Number)));
        Assert.True((await throttle.CheckAttemptAsync(Number, "flow-c", CancellationToken.None)).IsAllowed);
    }

    [Fact]
    public void The_default_consecutive_limit_is_NISTs_100()
        => Assert.Equal(100, new MosaicSmsOtpThrottlingOptions().MaxConsecutiveFailuresPerNumber);
}
