using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Throttling;

public sealed class MemorySmsOtpThrottleStoreTests : ThrottleStoreContractTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    protected override ISmsOtpThrottleStore CreateStore(FakeTimeProvider timeProvider) => new MemorySmsOtpThrottleStore(timeProvider);

    [Fact]
    public async Task A_full_store_refuses_new_counters_rather_than_evict_live_ones()
    {
        var store = new MemorySmsOtpThrottleStore(Time, capacity: 3);
        foreach (var key in new[] { "a", "b", "c" })
        {
            await store.IncrementAsync(key, Window, CancellationToken.None);
        }

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.IncrementAsync("d", Window, CancellationToken.None));

        Assert.Contains("ISmsOtpThrottleStore", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await store.IncrementAsync("a", Window, CancellationToken.None)).Count); // existing counters still count
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public async Task A_full_store_makes_room_by_sweeping_expired_counters()
    {
        var store = new MemorySmsOtpThrottleStore(Time, capacity: 3);
        await store.IncrementAsync("short-1", TimeSpan.FromSeconds(30), CancellationToken.None);
        await store.IncrementAsync("short-2", TimeSpan.FromSeconds(30), CancellationToken.None);
        await store.IncrementAsync("long", Window, CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(30));

        var counter = await store.IncrementAsync("new", Window, CancellationToken.None);

        Assert.Equal(1, counter.Count);
        Assert.Equal(2, store.Count);
        Assert.Equal(1, (await store.GetAsync("long", CancellationToken.None))!.Value.Count);
    }

    [Fact]
    public async Task Expired_counters_are_swept_on_later_writes()
    {
        var store = new MemorySmsOtpThrottleStore(Time);
        for (var i = 0; i < 100; i++)
        {
            await store.IncrementAsync("old-" + i, TimeSpan.FromSeconds(10), CancellationToken.None);
        }

        Time.Advance(TimeSpan.FromMinutes(2));
        await store.IncrementAsync("fresh", Window, CancellationToken.None);

        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Expiry_follows_the_time_provider_not_the_wall_clock()
    {
        var store = new MemorySmsOtpThrottleStore(Time);
        await store.IncrementAsync("a", TimeSpan.FromSeconds(1), CancellationToken.None);

        // The fake clock does not move, so however long the test takes, the counter is alive.
        Assert.NotNull(await store.GetAsync("a", CancellationToken.None));

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await store.GetAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task Empty_keys_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.IncrementAsync("", Window, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await Store.GetAsync(null!, CancellationToken.None));
    }
}
