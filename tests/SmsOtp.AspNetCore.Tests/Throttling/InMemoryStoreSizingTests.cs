using System.Net;
using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Throttling;

/// <summary>
/// Checklist B-43: the in-memory store is sized from the options, so an attacker spending the whole global budget on
/// distinct numbers, for longer than the longest window, never fills it, and the options that would need more than it may
/// hold are refused at start-up.
/// </summary>
public sealed class InMemoryStoreSizingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void B43_default_options_provision_the_records_they_can_need()
    {
        var store = new MemorySmsOtpThrottleStore(_time);

        var result = new MemorySmsOtpThrottleStoreSizing(store).Validate("sms", new MosaicSmsOtpOptions());

        Assert.True(result.Succeeded);
        Assert.Equal(MemorySmsOtpThrottleStore.RecordsNeeded(new MosaicSmsOtpThrottlingOptions(), TimeSpan.FromMinutes(10), new MosaicSmsOtpCodePolicyOptions()), store.Capacity);
        Assert.Equal(45_001, store.Capacity);
    }

    [Fact]
    public void B43_options_that_would_outgrow_the_store_are_refused_naming_what_to_lower()
    {
        var options = new MosaicSmsOtpOptions();
        options.Throttling.ConsecutiveFailureWindow = TimeSpan.FromDays(30);
        options.Throttling.MaxSendsPerHour = 1_500;

        var result = new MemorySmsOtpThrottleStoreSizing(new MemorySmsOtpThrottleStore(_time)).Validate("sms", options);

        Assert.True(result.Failed);
        Assert.Contains("MaxSendsPerHour", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ConsecutiveFailureWindow", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Redis", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(24)]        // the defaults: 1,000 sends an hour, a day of consecutive failures
    [InlineData(24 * 30)]   // the longest window the options allow, at the same global budget
    public async Task B43_an_attack_at_the_global_budget_for_longer_than_every_window_never_fills_the_store(int windowHours)
    {
        var options = new MosaicSmsOtpOptions();
        options.Throttling.ConsecutiveFailureWindow = TimeSpan.FromHours(windowHours);
        var store = new MemorySmsOtpThrottleStore(_time);
        Assert.True(new MemorySmsOtpThrottleStoreSizing(store).Validate("sms", options).Succeeded);
        var throttle = new SmsOtpThrottle(store, options.Throttling, _time);
        var budget = options.Throttling.MaxSendsPerHour;

        // Each hour the attacker tries 10 % more sends than the budget, every one to a new number from a new /64, and
        // spends each flow: a wrong code (attempt records) and its callback (a spent record). Records are made as fast
        // as the options allow, for two hours longer than the longest window.
        var step = TimeSpan.FromHours(1) / (budget * 1.1);
        var allowed = 0L;
        var peak = 0;
        var n = 0;
        for (var hour = 0; hour < windowHours + 2; hour++)
        {
            var hourEnds = _time.GetUtcNow() + TimeSpan.FromHours(1);
            while (_time.GetUtcNow() < hourEnds)
            {
                n++;
                var number = "+1" + (2_000_000_000L + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var client = new IPAddress([0x20, 0x01, 0x0d, 0xb8, (byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n, 0, 0, 0, 0, 0, 0, 0, 1]);
                if ((await throttle.ReserveSendAsync(number, client, null, CancellationToken.None)).IsAllowed)
                {
                    allowed++;
                    var flowId = "flow-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var flowEnd = _time.GetUtcNow() + options.FlowLifetime;
                    Assert.True((await throttle.ReserveAttemptAsync(number, flowId, flowEnd, CancellationToken.None)).IsAllowed);
                    Assert.True((await throttle.ConsumeFlowAsync(flowId, flowEnd, CancellationToken.None)).IsAllowed);
                }

                peak = Math.Max(peak, store.Count);
                _time.Advance(step);
            }
        }

        // The attacker got the budget (at most two windows' worth in any hour), and the store never refused anyone.
        Assert.InRange(allowed, (windowHours + 1) * budget, (windowHours + 2) * budget);
        Assert.InRange(peak, 1, store.Capacity);

        // Once the global window has passed, a legitimate person gets a code.
        _time.Advance(TimeSpan.FromHours(1));
        Assert.True((await throttle.ReserveSendAsync("+16175551212", IPAddress.Parse("203.0.113.7"), null, CancellationToken.None)).IsAllowed);
    }
}
