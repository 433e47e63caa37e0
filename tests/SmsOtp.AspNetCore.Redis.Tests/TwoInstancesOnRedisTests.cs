using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
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
        await using var pair = await RedisInstances.StartAsync(redis.Configuration);
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
        await using var pair = await RedisInstances.StartAsync(redis.Configuration, emulator: o => o.Otp.MaxFailures = 20);
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
        Assert.DoesNotContain(pair.Second.HandlerEvents(), r => r.Id.Id == 4);   // B checked no code itself
    }

    [Fact]
    public async Task Each_instance_has_its_own_Redis_store_and_connection()
    {
        await using var pair = await RedisInstances.StartAsync(redis.Configuration);

        var first = pair.First.App.Services.GetRequiredService<ISmsOtpThrottleStore>();
        var second = pair.Second.App.Services.GetRequiredService<ISmsOtpThrottleStore>();

        Assert.IsType<RedisSmsOtpThrottleStore>(first);
        Assert.IsType<RedisSmsOtpThrottleStore>(second);
        Assert.NotSame(first, second);
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

    /// <summary>Two instances behind one name (https://app.test), like <c>TwoInstances</c> but each on its own Redis connection.</summary>
    private sealed class RedisInstances : IAsyncDisposable
    {
        private RedisInstances(SmsOtpTestApp first, SmsOtpTestApp second)
        {
            First = first;
            Second = second;
        }

        public SmsOtpTestApp First { get; }

        public SmsOtpTestApp Second { get; }

        public static async Task<RedisInstances> StartAsync(string redisConfiguration, Action<MosaicEmulatorOptions>? emulator = null)
        {
            var prefix = RedisServer.NewPrefix("apps");
            var keyRing = new InMemoryKeyRepository();
            void Shared(IServiceCollection services)
            {
                services.AddDataProtection().SetApplicationName("smsotp-redis-tests");
                services.Configure<KeyManagementOptions>(o => o.XmlRepository = keyRing);
                services.AddMosaicSmsOtpRedis(redisConfiguration, o => o.KeyPrefix = prefix);
            }

            var first = await SmsOtpTestApp.StartAsync(emulator: emulator, services: Shared);
            var second = await SmsOtpTestApp.StartAsync(emulator: emulator, services: services =>
            {
                Shared(services);
                services.AddSingleton<TimeProvider>(first.Time);
                services.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName).ConfigurePrimaryHttpMessageHandler(first.Emulator.CreateHandler);
            });
            return new RedisInstances(first, second);
        }

        /// <summary>A browser whose requests to app.test go to the instance <paramref name="pick"/> names (0 or 1).</summary>
        public TestBrowser CreateBrowser(Func<int> pick) => new(SmsOtpTestApp.AppBase, new Dictionary<string, HttpMessageHandler>
        {
            [SmsOtpTestApp.AppBase.Authority] = new Balancer(pick, First.Server.CreateHandler(), Second.Server.CreateHandler()),
            [First.Emulator.BaseAddress.Authority] = First.Emulator.CreateHandler(),
        });

        public async ValueTask DisposeAsync()
        {
            // The second instance's own emulator sent nothing: scrub its logs against the codes the shared one sent.
            Second.ScrubLogsOnDispose = false;
            await Second.DisposeAsync();
            LogScrubber.AssertClean(Second.Logs.GetSnapshot(), [SmsOtpTestApp.ClientSecret, .. First.Emulator.Outbox.GetMessages().Select(m => m.Code)]);
            await First.DisposeAsync();
        }

        private sealed class Balancer(Func<int> pick, HttpMessageHandler first, HttpMessageHandler second) : HttpMessageHandler
        {
            private readonly HttpMessageInvoker[] _instances = [new(first), new(second)];

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                => _instances[pick()].SendAsync(request, cancellationToken);
        }
    }
}
