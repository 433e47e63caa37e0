using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Throttling;
using StackExchange.Redis;

namespace SmsOtp.AspNetCore.Redis.Tests;

/// <summary>What the Redis store adds to the contract: the key layout, Redis' own cleanup, and several connections.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSmsOtpThrottleStoreTests(RedisServer redis)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_counter_is_a_hash_of_count_and_reset_time_under_the_prefix_with_a_Redis_TTL_of_window_plus_margin()
    {
        var prefix = RedisServer.NewPrefix("layout");
        var store = new RedisSmsOtpThrottleStore(redis.Connection, prefix, _time);

        await store.IncrementAsync("send:a", Window, CancellationToken.None);
        await store.IncrementAsync("send:a", Window, CancellationToken.None);

        var db = redis.Connection.GetDatabase();
        var hash = (await db.HashGetAllAsync(prefix + "send:a")).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        Assert.Equal(new Dictionary<string, string>
        {
            ["c"] = "2",
            ["r"] = (_time.GetUtcNow() + Window).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, hash);
        var ttl = await db.KeyTimeToLiveAsync(prefix + "send:a");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, Window, Window + RedisSmsOtpThrottleStore.CleanupMargin);
        Assert.False(await db.KeyExistsAsync("send:a"));
    }

    [Fact]
    public async Task Expiry_follows_the_time_provider_while_Redis_still_holds_the_key()
    {
        var prefix = RedisServer.NewPrefix("expiry");
        var store = new RedisSmsOtpThrottleStore(redis.Connection, prefix, _time);
        await store.IncrementAsync("a", TimeSpan.FromSeconds(1), CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await redis.Connection.GetDatabase().KeyExistsAsync(prefix + "a"));
        Assert.Null(await store.GetAsync("a", CancellationToken.None));
        var restarted = await store.IncrementAsync("a", Window, CancellationToken.None);
        Assert.Equal(1, restarted.Count);
        Assert.Equal(_time.GetUtcNow() + Window, restarted.ResetsAt);
        var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(prefix + "a");
        Assert.InRange(ttl!.Value, Window, Window + RedisSmsOtpThrottleStore.CleanupMargin);   // the restart renewed Redis' TTL too
    }

    [Fact]
    public async Task A_thousand_parallel_increments_over_two_connections_see_exactly_1_to_1000()
    {
        const int Increments = 1_000;
        await using var other = await redis.ConnectAsync();
        var prefix = RedisServer.NewPrefix("parallel");
        ISmsOtpThrottleStore[] stores =
        [
            new RedisSmsOtpThrottleStore(redis.Connection, prefix, _time),
            new RedisSmsOtpThrottleStore(other, prefix, _time),
        ];

        var counts = await Task.WhenAll(Enumerable.Range(0, Increments).Select(i =>
            Task.Run(async () => (await stores[i % 2].IncrementAsync("n", Window, CancellationToken.None)).Count)));

        Assert.Equal(Enumerable.Range(1, Increments).Select(i => (long)i), counts.Order());
        Assert.Equal(Increments, (await stores[0].GetAsync("n", CancellationToken.None))!.Value.Count);
        Assert.Equal(Increments, (await stores[1].GetAsync("n", CancellationToken.None))!.Value.Count);
    }

    [Fact]
    public async Task Two_stores_on_two_connections_see_each_others_counts_and_removals()
    {
        await using var other = await redis.ConnectAsync();
        var prefix = RedisServer.NewPrefix("shared");
        var first = new RedisSmsOtpThrottleStore(redis.Connection, prefix, _time);
        var second = new RedisSmsOtpThrottleStore(other, prefix, _time);

        var started = await first.IncrementAsync("k", Window, CancellationToken.None);
        var seen = await second.GetAsync("k", CancellationToken.None);
        var next = await second.IncrementAsync("k", Window, CancellationToken.None);

        Assert.Equal(new SmsOtpThrottleCounter(1, started.ResetsAt), seen);
        Assert.Equal(new SmsOtpThrottleCounter(2, started.ResetsAt), next);
        Assert.Equal(2, (await first.GetAsync("k", CancellationToken.None))!.Value.Count);

        await second.RemoveAsync("k", CancellationToken.None);
        Assert.Null(await first.GetAsync("k", CancellationToken.None));
    }

    [Fact]
    public async Task Stores_with_different_prefixes_do_not_share_counters()
    {
        var first = new RedisSmsOtpThrottleStore(redis.Connection, RedisServer.NewPrefix("app1"), _time);
        var second = new RedisSmsOtpThrottleStore(redis.Connection, RedisServer.NewPrefix("app2"), _time);

        await first.IncrementAsync("k", Window, CancellationToken.None);

        Assert.Null(await second.GetAsync("k", CancellationToken.None));
        Assert.Equal(1, (await second.IncrementAsync("k", Window, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task An_unreachable_Redis_surfaces_as_an_exception_from_every_operation()
    {
        var options = new ConfigurationOptions
        {
            EndPoints = { { "127.0.0.1", ClosedPort() } },
            AbortOnConnectFail = false,
            BacklogPolicy = BacklogPolicy.FailFast,
            ConnectRetry = 0,
        };
        await using var down = await ConnectionMultiplexer.ConnectAsync(options);
        var store = new RedisSmsOtpThrottleStore(down, "down:", _time);

        await Assert.ThrowsAsync<RedisConnectionException>(async () => await store.IncrementAsync("k", Window, CancellationToken.None));
        await Assert.ThrowsAsync<RedisConnectionException>(async () => await store.GetAsync("k", CancellationToken.None));
        await Assert.ThrowsAsync<RedisConnectionException>(async () => await store.RemoveAsync("k", CancellationToken.None));
    }

    [Fact]
    public async Task Empty_keys_are_refused()
    {
        var store = new RedisSmsOtpThrottleStore(redis.Connection, RedisServer.NewPrefix("empty"), _time);

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.IncrementAsync("", Window, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.GetAsync(null!, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.RemoveAsync("", CancellationToken.None));
    }

    /// <summary>A port on 127.0.0.1 where nothing listens (it was just free).</summary>
    internal static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
