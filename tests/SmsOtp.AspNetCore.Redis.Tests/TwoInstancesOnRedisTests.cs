using System.Globalization;
using System.Net;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;
using SmsOtp.AspNetCore.Throttling;
using StackExchange.Redis;

namespace SmsOtp.AspNetCore.Redis.Tests;

/// <summary>
/// Two app instances, each with its own Redis connection (AddMosaicSmsOtpRedis) to one redis-server, one
/// Mosaic emulator and one data-protection key ring: the limits one instance counts hold on the other.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class TwoInstancesOnRedisTests(RedisServer redis)
{
    [Fact]
    public async Task A_send_through_instance_A_starts_the_numbers_cooldown_on_instance_B()
    {
        await using var pair = await StartOnRedisAsync(redis.Configuration);
        var onA = pair.CreateBrowser(() => 0);
        var onB = pair.CreateBrowser(() => 1);

        using var sentOnA = await onA.SubmitPhoneAsync(await onA.OpenPhonePageAsync());
        using var refusedOnB = await onB.SubmitPhoneAsync(await onB.OpenPhonePageAsync());

        Assert.Equal(HttpStatusCode.SeeOther, sentOnA.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedOnB.StatusCode);
        Assert.InRange(int.Parse(refusedOnB.Header("Retry-After"), CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(1, pair.First.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));

        // Once the cooldown has passed, B may send.
        pair.First.Time.Advance(TimeSpan.FromSeconds(61));
        using var sentOnB = await onB.SubmitPhoneAsync(await onB.OpenPhonePageAsync());
        Assert.Equal(HttpStatusCode.SeeOther, sentOnB.StatusCode);
        Assert.Equal(2, pair.First.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task Wrong_codes_counted_on_instance_A_count_on_instance_B()
    {
        await using var pair = await StartOnRedisAsync(redis.Configuration, emulator: o => o.Otp.MaxFailures = 20);
        var instance = 0;
        var browser = pair.CreateBrowser(() => instance);   // one person, one flow; the test picks the instance
        var codePage = await browser.StartAndSendCodeAsync();
        var wrong = SecurityTestKit.WrongCode(pair.First.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);

        for (var i = 0; i < 5; i++)
        {
            using var onA = await browser.SubmitCodeAsync(codePage, wrong);
            Assert.Equal(HttpStatusCode.BadRequest, onA.StatusCode);
        }

        instance = 1;
        using var sixthOnB = await browser.SubmitCodeAsync(codePage, wrong);

        // The flow's five attempts were spent on A: B refuses the sixth without asking Mosaic.
        Assert.Equal(HttpStatusCode.TooManyRequests, sixthOnB.StatusCode);
        Assert.Equal(5, pair.First.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
        Assert.DoesNotContain(pair.Second.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.CodeRefused);   // B checked no code itself
    }

    [Fact]
    public async Task Each_instance_has_its_own_Redis_store_and_connection()
    {
        await using var pair = await StartOnRedisAsync(redis.Configuration);

        var first = pair.First.App.Services.GetRequiredService<ISmsOtpThrottleStore>();
        var second = pair.Second.App.Services.GetRequiredService<ISmsOtpThrottleStore>();

        Assert.IsType<RedisSmsOtpThrottleStore>(first);
        Assert.IsType<RedisSmsOtpThrottleStore>(second);
        Assert.NotSame(first, second);
        Assert.NotSame(
            pair.First.App.Services.GetRequiredService<OwnedRedisConnection>().Multiplexer,
            pair.Second.App.Services.GetRequiredService<OwnedRedisConnection>().Multiplexer);
    }

    [Fact]
    public async Task An_unreachable_Redis_answers_503_and_logs_an_error()
    {
        var options = new ConfigurationOptions
        {
            EndPoints = { { "127.0.0.1", RedisSmsOtpThrottleStoreTests.ClosedPort() } },
            AbortOnConnectFail = false,
            BacklogPolicy = BacklogPolicy.FailFast,
            ConnectRetry = 0,
        };
        await using var down = await ConnectionMultiplexer.ConnectAsync(options);
        await using var app = await SmsOtpTestApp.StartAsync(services: s => s.AddMosaicSmsOtpRedis(_ => down, configure: null));
        var browser = app.CreateBrowser();

        using var send = await browser.SubmitPhoneAsync(await browser.OpenPhonePageAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, send.StatusCode);
        Assert.Contains(app.HandlerEvents(), r => r.Level == LogLevel.Error);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    /// <summary>Two instances (<see cref="TwoInstances"/>), each with its own connection to the test's redis-server.</summary>
    private static Task<TwoInstances> StartOnRedisAsync(string redisConfiguration, Action<MosaicEmulatorOptions>? emulator = null)
    {
        var prefix = RedisServer.NewPrefix("apps");
        return TwoInstances.StartAsync(emulator: emulator, throttleStore: services =>
        {
            services.AddMosaicSmsOtpRedis(redisConfiguration, o => o.KeyPrefix = prefix);
        });
    }
}
