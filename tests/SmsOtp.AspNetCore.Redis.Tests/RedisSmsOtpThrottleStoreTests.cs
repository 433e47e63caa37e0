using System.Net;
using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Throttling;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace SmsOtp.AspNetCore.Redis.Tests;

/// <summary>What the Redis store adds to the contract: the key layout, Redis' own cleanup, round trips, several connections, timeouts.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSmsOtpThrottleStoreTests(RedisServer redis)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private static ValueTask<SmsOtpThrottleReservation> ChargeAsync(ISmsOtpThrottleStore store, string key, TimeSpan window, long limit = 100_000) =>
        store.ReserveAsync([new(key, limit, window, Charge: true)], CancellationToken.None);

    [Fact]
    public async Task A_counter_is_a_hash_of_count_and_reset_time_under_the_prefix_with_a_Redis_TTL_of_window_plus_margin()
    {
        var prefix = RedisServer.NewPrefix("layout");
        var store = new RedisSmsOtpThrottleStore(redis.Connection, prefix, _time);

        await ChargeAsync(store, "send:a", Window);
        await ChargeAsync(store, "send:a", Window);

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
    public async Task The_handlers_keys_carry_the_prefix_once()
    {
        // Issue #14: keys came out as smsotp:smsotp:send:… when both the store and the key names had the prefix.
        var prefix = RedisServer.NewPrefix("once") + MosaicSmsOtpRedisOptions.DefaultKeyPrefix;
        var throttle = new SmsOtpThrottle(new RedisSmsOtpThrottleStore(redis.Connection, prefix, _time), new MosaicSmsOtpThrottlingOptions(), _time);

        await throttle.ReserveSendAsync("+16175551212", IPAddress.Loopback, null, CancellationToken.None);

        var db = redis.Connection.GetDatabase();
        Assert.True(await db.KeyExistsAsync(prefix + "send:all"));
        Assert.True(await db.KeyExistsAsync(prefix + SmsOtpThrottleKeys.NumberSends("+16175551212")));
        Assert.DoesNotContain("smsotp:smsotp:", prefix + SmsOtpThrottleKeys.NumberSends("+16175551212"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expiry_follows_the_time_provider_while_Redis_still_holds_the_key()
    {
        var prefix = RedisServer.NewPrefix("expiry");
        var store = new RedisSmsOtpThrottleStore(redis.Connection, prefix, _time);
        await ChargeAsync(store, "a", TimeSpan.FromSeconds(1), limit: 1);

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await redis.Connection.GetDatabase().KeyExistsAsync(prefix + "a"));
        Assert.True((await ChargeAsync(store, "a", Window, limit: 1)).IsAllowed);
        Assert.Equal(new SmsOtpThrottleCounter(1, _time.GetUtcNow() + Window), await redis.PeekAsync(prefix + "a", _time));
        var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(prefix + "a");
        Assert.InRange(ttl!.Value, Window, Window + RedisSmsOtpThrottleStore.CleanupMargin);   // the restart renewed Redis' TTL too
    }

    [Fact]
    public async Task Every_throttle_decision_is_one_Redis_round_trip()
    {
        // Issue #13: one script for all of a send's checks and charges, the same for an attempt and a callback.
        await using var connection = await redis.ConnectAsync();
        var session = new ProfilingSession();
        connection.RegisterProfiler(() => session);
        var prefix = RedisServer.NewPrefix("trips");
        var throttle = new SmsOtpThrottle(new RedisSmsOtpThrottleStore(connection, prefix, _time), new MosaicSmsOtpThrottlingOptions(), _time);
        var flowEnd = _time.GetUtcNow() + TimeSpan.FromMinutes(10);

        async Task<int> TripsAsync(Func<Task> step)
        {
            session.FinishProfiling();
            await step();
            return session.FinishProfiling().Count();
        }

        Assert.Equal(1, await TripsAsync(async () => await throttle.ReserveSendAsync("+16175551212", IPAddress.Loopback, null, CancellationToken.None)));
        Assert.Equal(1, await TripsAsync(async () => await throttle.ReserveSendAsync("+16175551212", IPAddress.Loopback, "flow", CancellationToken.None)));
        Assert.Equal(1, await TripsAsync(async () => await throttle.RefundSendAsync("+16175551212", IPAddress.Loopback, CancellationToken.None)));
        Assert.Equal(1, await TripsAsync(async () => await throttle.ReserveAttemptAsync("+16175551212", "flow", flowEnd, CancellationToken.None)));
        Assert.Equal(1, await TripsAsync(async () => await throttle.SettleAttemptAsync("+16175551212", "flow", SmsOtpAttemptResult.RightCode, CancellationToken.None)));
        Assert.Equal(1, await TripsAsync(async () => await throttle.ConsumeFlowAsync("flow", flowEnd, CancellationToken.None)));
    }

    [Fact]
    public async Task Reservations_over_two_connections_charge_exactly_up_to_the_limit()
    {
        await using var other = await redis.ConnectAsync();
        var prefix = RedisServer.NewPrefix("parallel");
        ISmsOtpThrottleStore[] stores =
        [
            new RedisSmsOtpThrottleStore(redis.Connection, prefix, _time),
            new RedisSmsOtpThrottleStore(other, prefix, _time),
        ];

        var decisions = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(i =>
            Task.Run(async () => await ChargeAsync(stores[i % 2], "n", Window, limit: 250))));

        Assert.Equal(250, decisions.Count(d => d.IsAllowed));
        Assert.Equal(250, (await redis.PeekAsync(prefix + "n", _time))!.Value.Count);
    }

    [Fact]
    public async Task Stores_with_different_prefixes_do_not_share_counters()
    {
        var first = new RedisSmsOtpThrottleStore(redis.Connection, RedisServer.NewPrefix("app1"), _time);
        var second = new RedisSmsOtpThrottleStore(redis.Connection, RedisServer.NewPrefix("app2"), _time);

        await ChargeAsync(first, "k", Window, limit: 1);

        Assert.True((await ChargeAsync(second, "k", Window, limit: 1)).IsAllowed);
        Assert.False((await ChargeAsync(first, "k", Window, limit: 1)).IsAllowed);
    }

    [Fact]
    public async Task An_unreachable_Redis_surfaces_as_an_exception_from_every_call()
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

        await Assert.ThrowsAsync<RedisConnectionException>(async () => await ChargeAsync(store, "k", Window));
        await Assert.ThrowsAsync<RedisConnectionException>(async () => await store.RefundAsync([new("k")], CancellationToken.None));
    }

    [Fact]
    public async Task A_slow_Redis_is_cut_off_before_it_answers()
    {
        var store = new RedisSmsOtpThrottleStore(redis.Connection, RedisServer.NewPrefix("slow"), _time, TimeSpan.FromMilliseconds(200));
        var awake = await redis.PauseAsync(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<TimeoutException>(async () => await ChargeAsync(store, "k", Window));

        // Cut off while Redis was still paused, not when it answered again.
        Assert.False(awake.IsCompleted);
        await awake;
    }

    [Fact]
    public async Task Empty_keys_are_refused()
    {
        var store = new RedisSmsOtpThrottleStore(redis.Connection, RedisServer.NewPrefix("empty"), _time);

        await Assert.ThrowsAsync<ArgumentException>(async () => await ChargeAsync(store, "", Window));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.RefundAsync([new("")], CancellationToken.None));
    }

    /// <summary>A port on 127.0.0.1 where nothing listens (it was just free).</summary>
    internal static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
