using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Throttling;

/// <summary>
/// What every <see cref="ISmsOtpThrottleStore"/> must do. A store joins by deriving, creating itself in
/// <see cref="CreateStore"/> (called on first use, so derived fields are set) and reading a counter in
/// <see cref="PeekAsync"/>; a store shared between tests gives each test its own keys.
/// </summary>
public abstract class ThrottleStoreContractTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private ISmsOtpThrottleStore? _store;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));

    protected ISmsOtpThrottleStore Store => _store ??= CreateStore(Time);

    /// <summary>Creates the store under test, reading time from <paramref name="timeProvider"/>.</summary>
    protected abstract ISmsOtpThrottleStore CreateStore(FakeTimeProvider timeProvider);

    /// <summary>Reads a counter as the store holds it, without changing it; <see langword="null"/> when absent or expired.</summary>
    protected abstract Task<SmsOtpThrottleCounter?> PeekAsync(string key);

    private static SmsOtpThrottleBudget Charge(string key, long limit = 10, TimeSpan? window = null) => new(key, limit, window ?? Window, Charge: true);

    private static SmsOtpThrottleBudget Check(string key, long limit) => new(key, limit, Window, Charge: false);

    private static SmsOtpThrottleBudget Restart(string key, bool charge, TimeSpan? window = null) => new(key, 1, window ?? Window, charge, Restart: true);

    private Task<SmsOtpThrottleReservation> ReserveAsync(params SmsOtpThrottleBudget[] budgets) => Store.ReserveAsync(budgets, CancellationToken.None).AsTask();

    [Fact]
    public async Task A_reservation_creates_each_charged_counter_at_one_resetting_after_its_window()
    {
        var reservation = await ReserveAsync(Charge("contract:a"), Charge("contract:b", window: TimeSpan.FromHours(1)));

        Assert.True(reservation.IsAllowed);
        Assert.Equal(new SmsOtpThrottleCounter(1, Time.GetUtcNow() + Window), await PeekAsync("contract:a"));
        Assert.Equal(new SmsOtpThrottleCounter(1, Time.GetUtcNow() + TimeSpan.FromHours(1)), await PeekAsync("contract:b"));
    }

    [Fact]
    public async Task Charging_a_live_counter_counts_up_without_moving_its_reset()
    {
        await ReserveAsync(Charge("contract:a"));
        var resetsAt = Time.GetUtcNow() + Window;
        Time.Advance(TimeSpan.FromMinutes(4));

        await ReserveAsync(Charge("contract:a", window: TimeSpan.FromHours(5)));
        await ReserveAsync(Charge("contract:a"));

        Assert.Equal(new SmsOtpThrottleCounter(3, resetsAt), await PeekAsync("contract:a"));
    }

    [Fact]
    public async Task A_used_up_budget_refuses_the_whole_reservation_charging_nothing_and_reports_every_counter()
    {
        await ReserveAsync(Charge("contract:full", limit: 2));
        await ReserveAsync(Charge("contract:full", limit: 2));
        await ReserveAsync(Charge("contract:other"));

        var refused = await ReserveAsync(Charge("contract:other"), Charge("contract:full", limit: 2), Charge("contract:absent"));

        Assert.False(refused.IsAllowed);
        Assert.Equal(
            [new SmsOtpThrottleCounter(1, Time.GetUtcNow() + Window), new SmsOtpThrottleCounter(2, Time.GetUtcNow() + Window), null],
            refused.Counters);
        Assert.Equal(1, (await PeekAsync("contract:other"))!.Value.Count);
        Assert.Equal(2, (await PeekAsync("contract:full"))!.Value.Count);
        Assert.Null(await PeekAsync("contract:absent"));
    }

    [Fact]
    public async Task An_allowed_reservation_reports_every_counter_after_its_charges()
    {
        await ReserveAsync(Charge("contract:a"));
        var aResetsAt = Time.GetUtcNow() + Window;
        await ReserveAsync(Charge("contract:c"));
        await ReserveAsync(Charge("contract:c"));
        Time.Advance(TimeSpan.FromMinutes(2));

        var allowed = await ReserveAsync(Charge("contract:a"), Check("contract:absent", long.MaxValue), Check("contract:c", 10), Charge("contract:new"));

        Assert.True(allowed.IsAllowed);
        Assert.Equal(
            [new SmsOtpThrottleCounter(2, aResetsAt), null, new SmsOtpThrottleCounter(2, aResetsAt), new SmsOtpThrottleCounter(1, Time.GetUtcNow() + Window)],
            allowed.Counters);
    }

    [Fact]
    public async Task A_restarting_budget_is_not_checked_and_replaces_its_counter_when_the_reservation_goes_ahead()
    {
        await ReserveAsync(Charge("contract:code", limit: 1));
        await ReserveAsync(Charge("contract:failures"), Charge("contract:failures"));
        Time.Advance(TimeSpan.FromMinutes(4));

        // The code's counter was used up (1 of 1): a restart is not refused by it, and starts a full new window.
        var restarted = await ReserveAsync(Restart("contract:code", charge: true, window: TimeSpan.FromHours(1)), Restart("contract:failures", charge: false));

        Assert.True(restarted.IsAllowed);
        Assert.Equal([new SmsOtpThrottleCounter(1, Time.GetUtcNow() + TimeSpan.FromHours(1)), null], restarted.Counters);
        Assert.Equal(new SmsOtpThrottleCounter(1, Time.GetUtcNow() + TimeSpan.FromHours(1)), await PeekAsync("contract:code"));
        Assert.Null(await PeekAsync("contract:failures"));
    }

    [Fact]
    public async Task A_refused_reservation_restarts_nothing()
    {
        await ReserveAsync(Charge("contract:full", limit: 1));
        await ReserveAsync(Charge("contract:kept"), Charge("contract:kept"));
        var keptResetsAt = Time.GetUtcNow() + Window;
        Time.Advance(TimeSpan.FromMinutes(1));

        var refused = await ReserveAsync(Check("contract:full", 1), Restart("contract:kept", charge: true), Restart("contract:absent", charge: true));

        Assert.False(refused.IsAllowed);
        Assert.Equal(new SmsOtpThrottleCounter(2, keptResetsAt), await PeekAsync("contract:kept"));
        Assert.Null(await PeekAsync("contract:absent"));
    }

    [Fact]
    public async Task A_checked_budget_refuses_at_its_limit_and_is_never_created_or_charged()
    {
        Assert.True((await ReserveAsync(Check("contract:checked", 1), Charge("contract:a"))).IsAllowed);
        Assert.Null(await PeekAsync("contract:checked"));

        await ReserveAsync(Charge("contract:checked", limit: 1));
        var refused = await ReserveAsync(Check("contract:checked", 1), Charge("contract:a"));

        Assert.False(refused.IsAllowed);
        Assert.Equal(1, (await PeekAsync("contract:checked"))!.Value.Count);
        Assert.Equal(1, (await PeekAsync("contract:a"))!.Value.Count);
    }

    [Fact]
    public async Task An_expired_counter_counts_as_zero_and_restarts_with_a_new_window()
    {
        await ReserveAsync(Charge("contract:a", limit: 1));
        Assert.False((await ReserveAsync(Charge("contract:a", limit: 1))).IsAllowed);
        Time.Advance(Window);

        Assert.Null(await PeekAsync("contract:a"));
        Assert.True((await ReserveAsync(Charge("contract:a", limit: 1))).IsAllowed);
        Assert.Equal(new SmsOtpThrottleCounter(1, Time.GetUtcNow() + Window), await PeekAsync("contract:a"));
    }

    [Fact]
    public async Task A_refund_takes_one_off_keeps_the_reset_and_removes_the_counter_at_zero()
    {
        await ReserveAsync(Charge("contract:a"));
        await ReserveAsync(Charge("contract:a"));
        var resetsAt = Time.GetUtcNow() + Window;
        Time.Advance(TimeSpan.FromMinutes(1));

        await Store.RefundAsync([new("contract:a")], CancellationToken.None);
        Assert.Equal(new SmsOtpThrottleCounter(1, resetsAt), await PeekAsync("contract:a"));

        await Store.RefundAsync([new("contract:a")], CancellationToken.None);
        Assert.Null(await PeekAsync("contract:a"));
        await ReserveAsync(Charge("contract:a"));
        Assert.Equal(new SmsOtpThrottleCounter(1, Time.GetUtcNow() + Window), await PeekAsync("contract:a"));
    }

    [Fact]
    public async Task A_clearing_refund_removes_the_counter_and_absent_counters_are_left_alone()
    {
        for (var i = 0; i < 3; i++)
        {
            await ReserveAsync(Charge("contract:a"), Charge("contract:b"));
        }

        await Store.RefundAsync([new("contract:a", Clear: true), new("contract:absent"), new("contract:b")], CancellationToken.None);

        Assert.Null(await PeekAsync("contract:a"));
        Assert.Null(await PeekAsync("contract:absent"));
        Assert.Equal(2, (await PeekAsync("contract:b"))!.Value.Count);
    }

    [Fact]
    public async Task Parallel_reservations_charge_exactly_up_to_the_limit_across_shared_and_own_budgets()
    {
        const int Reservations = 400;

        // Every reservation shares one budget of 100 and has its own of 1, charged together or not at all.
        var decisions = await Task.WhenAll(Enumerable.Range(0, Reservations).Select(i => Task.Run(() =>
            ReserveAsync(Charge("contract:shared", limit: 100), Charge("contract:own:" + (i % 200).ToString(System.Globalization.CultureInfo.InvariantCulture), limit: 1)))));

        Assert.Equal(100, decisions.Count(d => d.IsAllowed));
        Assert.Equal(100, (await PeekAsync("contract:shared"))!.Value.Count);
        var own = 0L;
        for (var i = 0; i < 200; i++)
        {
            own += (await PeekAsync("contract:own:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))?.Count ?? 0;
        }

        Assert.Equal(100, own);
    }

    [Fact]
    public async Task A_charged_budget_needs_a_positive_window()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => ReserveAsync(Charge("contract:a", window: TimeSpan.Zero)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => ReserveAsync(Charge("contract:a", window: TimeSpan.FromSeconds(-1))));
        Assert.Null(await PeekAsync("contract:a"));
    }

    [Fact]
    public async Task Calls_observe_a_cancelled_token()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.ReserveAsync([Charge("contract:a")], cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.RefundAsync([new("contract:a")], cts.Token));
        Assert.Null(await PeekAsync("contract:a"));
    }
}
