using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Throttling;

/// <summary>
/// What every <see cref="ISmsOtpThrottleStore"/> must do. A store joins by deriving and creating itself in
/// <see cref="CreateStore"/>; a store with its own clock (Redis) overrides <see cref="AdvanceAsync"/> and
/// <see cref="ClockTolerance"/>, and gives each test fresh keys (these tests use fixed ones).
/// </summary>
public abstract class ThrottleStoreContractTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    protected ThrottleStoreContractTests()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
        Store = CreateStore(Time);
    }

    protected FakeTimeProvider Time { get; }

    protected ISmsOtpThrottleStore Store { get; }

    /// <summary>How far apart this store's and the test's idea of a counter's reset may be.</summary>
    protected virtual TimeSpan ClockTolerance => TimeSpan.Zero;

    /// <summary>Creates the store under test, reading time from <paramref name="timeProvider"/> when it can.</summary>
    protected abstract ISmsOtpThrottleStore CreateStore(FakeTimeProvider timeProvider);

    /// <summary>Moves the store's clock forward.</summary>
    protected virtual ValueTask AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        return ValueTask.CompletedTask;
    }

    private void AssertResetsAt(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.InRange(actual, expected - ClockTolerance, expected + ClockTolerance);

    [Fact]
    public async Task Increment_creates_a_counter_at_one_that_resets_after_the_window()
    {
        var counter = await Store.IncrementAsync("contract:a", Window, CancellationToken.None);

        Assert.Equal(1, counter.Count);
        AssertResetsAt(Time.GetUtcNow() + Window, counter.ResetsAt);
    }

    [Fact]
    public async Task Increment_counts_up_without_extending_the_window()
    {
        var first = await Store.IncrementAsync("contract:a", Window, CancellationToken.None);
        await AdvanceAsync(TimeSpan.FromMinutes(4));

        var second = await Store.IncrementAsync("contract:a", Window, CancellationToken.None);
        var third = await Store.IncrementAsync("contract:a", TimeSpan.FromHours(5), CancellationToken.None);

        Assert.Equal(2, second.Count);
        Assert.Equal(3, third.Count);
        AssertResetsAt(first.ResetsAt, second.ResetsAt);
        AssertResetsAt(first.ResetsAt, third.ResetsAt);
    }

    [Fact]
    public async Task Increment_after_expiry_starts_a_new_window_at_one()
    {
        await Store.IncrementAsync("contract:a", Window, CancellationToken.None);
        await Store.IncrementAsync("contract:a", Window, CancellationToken.None);
        await AdvanceAsync(Window);

        var counter = await Store.IncrementAsync("contract:a", Window, CancellationToken.None);

        Assert.Equal(1, counter.Count);
        AssertResetsAt(Time.GetUtcNow() + Window, counter.ResetsAt);
    }

    [Fact]
    public async Task Counters_are_independent_per_key()
    {
        await Store.IncrementAsync("contract:a", Window, CancellationToken.None);
        await Store.IncrementAsync("contract:a", Window, CancellationToken.None);

        var other = await Store.IncrementAsync("contract:b", Window, CancellationToken.None);

        Assert.Equal(1, other.Count);
    }

    [Fact]
    public async Task Get_returns_null_for_an_absent_counter()
    {
        Assert.Null(await Store.GetAsync("contract:absent", CancellationToken.None));
    }

    [Fact]
    public async Task Get_reads_without_changing_the_counter()
    {
        var incremented = await Store.IncrementAsync("contract:a", Window, CancellationToken.None);

        var read = await Store.GetAsync("contract:a", CancellationToken.None);
        var readAgain = await Store.GetAsync("contract:a", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(1, read.Value.Count);
        Assert.Equal(1, readAgain!.Value.Count);
        AssertResetsAt(incremented.ResetsAt, read.Value.ResetsAt);
        Assert.Equal(2, (await Store.IncrementAsync("contract:a", Window, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Get_returns_null_once_the_window_has_passed()
    {
        await Store.IncrementAsync("contract:a", Window, CancellationToken.None);

        await AdvanceAsync(Window - TimeSpan.FromSeconds(1) - ClockTolerance);
        Assert.NotNull(await Store.GetAsync("contract:a", CancellationToken.None));

        await AdvanceAsync(TimeSpan.FromSeconds(1) + (ClockTolerance * 2));
        Assert.Null(await Store.GetAsync("contract:a", CancellationToken.None));
    }

    [Fact]
    public async Task Remove_deletes_the_counter_so_the_next_increment_starts_at_one()
    {
        await Store.IncrementAsync("contract:a", Window, CancellationToken.None);
        await Store.IncrementAsync("contract:a", Window, CancellationToken.None);

        await Store.RemoveAsync("contract:a", CancellationToken.None);

        Assert.Null(await Store.GetAsync("contract:a", CancellationToken.None));
        Assert.Equal(1, (await Store.IncrementAsync("contract:a", Window, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Remove_of_an_absent_counter_does_nothing()
    {
        await Store.IncrementAsync("contract:b", Window, CancellationToken.None);

        await Store.RemoveAsync("contract:absent", CancellationToken.None);

        Assert.Equal(1, (await Store.GetAsync("contract:b", CancellationToken.None))!.Value.Count);
    }

    [Fact]
    public async Task Parallel_increments_are_all_counted_each_seeing_a_distinct_count()
    {
        const int Increments = 1_000;

        var counts = await Task.WhenAll(Enumerable.Range(0, Increments).Select(_ =>
            Task.Run(async () => (await Store.IncrementAsync("contract:parallel", Window, CancellationToken.None)).Count)));

        Assert.Equal(Increments, (await Store.GetAsync("contract:parallel", CancellationToken.None))!.Value.Count);
        Assert.Equal(Enumerable.Range(1, Increments).Select(i => (long)i), counts.Order());
    }

    [Fact]
    public async Task Increment_refuses_a_window_that_is_not_positive()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Store.IncrementAsync("contract:a", TimeSpan.Zero, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Store.IncrementAsync("contract:a", TimeSpan.FromSeconds(-1), CancellationToken.None));
    }

    [Fact]
    public async Task Operations_observe_a_cancelled_token()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.IncrementAsync("contract:a", Window, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.GetAsync("contract:a", cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.RemoveAsync("contract:a", cts.Token));
        Assert.Null(await Store.GetAsync("contract:a", CancellationToken.None));
    }
}
