using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Redis.Tests;

[Collection(RedisCollection.Name)]
public sealed class RegistrationTests(RedisServer redis)
{
    [Fact]
    public async Task The_Redis_store_replaces_the_in_memory_one_registered_after_it()
    {
        var services = new ServiceCollection();
        services.AddAuthentication().AddMosaicSmsOtp(_ => { });
        services.AddMosaicSmsOtpRedisThrottleStore(redis.Configuration);

        await using var provider = services.BuildServiceProvider();

        Assert.IsType<RedisSmsOtpThrottleStore>(provider.GetRequiredService<ISmsOtpThrottleStore>());
        Assert.Single(services, d => d.ServiceType == typeof(ISmsOtpThrottleStore));
    }

    [Fact]
    public async Task The_Redis_store_wins_over_the_in_memory_one_registered_later()
    {
        var services = new ServiceCollection();
        services.AddMosaicSmsOtpRedisThrottleStore(_ => redis.Connection);
        services.AddAuthentication().AddMosaicSmsOtp(_ => { });

        await using var provider = services.BuildServiceProvider();

        Assert.IsType<RedisSmsOtpThrottleStore>(provider.GetRequiredService<ISmsOtpThrottleStore>());
    }

    [Fact]
    public async Task The_store_uses_the_configured_prefix_and_the_apps_TimeProvider()
    {
        var prefix = RedisServer.NewPrefix("registration");
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddMosaicSmsOtpRedisThrottleStore(redis.Configuration);
        services.Configure<MosaicSmsOtpRedisOptions>(o => o.KeyPrefix = prefix);
        await using var provider = services.BuildServiceProvider();

        var counter = await provider.GetRequiredService<ISmsOtpThrottleStore>().IncrementAsync("k", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(1), counter.ResetsAt);
        Assert.Equal("1", (await redis.Connection.GetDatabase().HashGetAsync(prefix + "k", "c")).ToString());
    }

    [Fact]
    public void The_default_key_prefix_is_smsotp()
    {
        Assert.Equal("smsotp:", new MosaicSmsOtpRedisOptions().KeyPrefix);
    }

    [Fact]
    public void A_malformed_configuration_string_fails_at_registration()
    {
        Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddMosaicSmsOtpRedisThrottleStore("127.0.0.1:6379,notAnOption=1"));
    }
}
