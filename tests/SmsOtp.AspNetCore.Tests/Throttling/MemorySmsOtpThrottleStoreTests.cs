using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Throttling;

public sealed class MemorySmsOtpThrottleStoreTests : ThrottleStoreContractTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    protected override ISmsOtpThrottleStore CreateStore(FakeTimeProvider timeProvider) => new MemorySmsOtpThrottleStore(timeProvider);

    protected override Task<SmsOtpThrottleCounter?> PeekAsync(string key) => Task.FromResult(((MemorySmsOtpThrottleStore)Store).Peek(key));

    private static async Task<bool> ChargeAsync(ISmsOtpThrottleStore store, string key, TimeSpan window) =>
        (await store.ReserveAsync([new(key, 100, window, Charge: true)], CancellationToken.None)).IsAllowed;

    [Fact]
    public async Task A_full_store_refuses_new_records_rather_than_evict_live_ones()
    {
        var store = new MemorySmsOtpThrottleStore(Time, capacity: 3);
        foreach (var key in new[] { "a", "b", "c" })
        {
            await ChargeAsync(store, key, Window);
        }

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => ChargeAsync(store, "d", Window));

        Assert.Contains("ISmsOtpThrottleStore", exception.Message, StringComparison.Ordinal);
        Assert.True(await ChargeAsync(store, "a", Window)); // existing records still count
        Assert.Equal(2, store.Peek("a")!.Value.Count);
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public async Task A_full_store_makes_room_by_sweeping_expired_records()
    {
        var store = new MemorySmsOtpThrottleStore(Time, capacity: 3);
        await ChargeAsync(store, "short-1", TimeSpan.FromSeconds(30));
        await ChargeAsync(store, "short-2", TimeSpan.FromSeconds(30));
        await ChargeAsync(store, "long", Window);
        Time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(await ChargeAsync(store, "new", Window));

        Assert.Equal(2, store.Count);
        Assert.Equal(1, store.Peek("long")!.Value.Count);
    }

    [Fact]
    public async Task Expired_records_are_swept_on_later_reservations()
    {
        var store = new MemorySmsOtpThrottleStore(Time);
        for (var i = 0; i < 100; i++)
        {
            await ChargeAsync(store, "old-" + i, TimeSpan.FromSeconds(10));
        }

        Assert.Equal(100, store.Count);
        Time.Advance(TimeSpan.FromMinutes(2));
        await ChargeAsync(store, "fresh", Window);

        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Refunded_records_leave_nothing_behind()
    {
        var store = new MemorySmsOtpThrottleStore(Time);
        await ChargeAsync(store, "a", Window);
        Assert.Equal(1, store.Count);

        await store.RefundAsync([new("a")], CancellationToken.None);

        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Capacity_is_what_the_options_provisioned_and_never_below_the_minimum()
    {
        var store = new MemorySmsOtpThrottleStore(Time);
        Assert.Equal(MemorySmsOtpThrottleStore.MinimumCapacity, store.Capacity);

        store.Provision("a", 30_000);
        store.Provision("b", 40_000);
        store.Provision("a", 50_000);

        Assert.Equal(90_000, store.Capacity);
    }

    [Fact]
    public async Task Empty_keys_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.ReserveAsync([new("", 1, Window, Charge: true)], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.RefundAsync([new("")], CancellationToken.None));
    }
}
