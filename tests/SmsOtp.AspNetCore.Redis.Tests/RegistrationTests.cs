using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Redis.Tests;

[Collection(RedisCollection.Name)]
public sealed class RegistrationTests(RedisServer redis)
{
    [Fact]
    public async Task The_Redis_store_replaces_the_in_memory_one_registered_before_it()
    {
        var services = new ServiceCollection();
        services.AddAuthentication().AddMosaicSmsOtp(_ => { });
        services.AddMosaicSmsOtpRedis(redis.Configuration, configure: null);

        await using var provider = services.BuildServiceProvider();

        Assert.IsType<RedisSmsOtpThrottleStore>(provider.GetRequiredService<ISmsOtpThrottleStore>());
        Assert.Single(services, d => d.ServiceType == typeof(ISmsOtpThrottleStore));
    }

    [Fact]
    public async Task The_Redis_store_wins_over_the_in_memory_one_registered_later()
    {
        var services = new ServiceCollection();
        services.AddMosaicSmsOtpRedis(_ => redis.Connection, configure: null);
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
        services.AddMosaicSmsOtpRedis(redis.Configuration, o => o.KeyPrefix = prefix);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ISmsOtpThrottleStore>().ReserveAsync([new("k", 1, TimeSpan.FromMinutes(1), Charge: true)], CancellationToken.None);

        Assert.Equal(new SmsOtpThrottleCounter(1, time.GetUtcNow() + TimeSpan.FromMinutes(1)), await redis.PeekAsync(prefix + "k", time));
    }

    [Fact]
    public async Task The_builder_joins_the_Redis_of_ConnectionStrings_Redis_with_the_key_ring_under_the_app_name()
    {
        var prefix = RedisServer.NewPrefix("join");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "ClusterApp", EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:Redis", redis.Configuration)]);
        builder.AddMosaicSmsOtpRedis(o => o.KeyPrefix = prefix);
        using var host = builder.Build();

        var keys = host.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
        var dataProtection = host.Services.GetRequiredService<IOptions<DataProtectionOptions>>().Value;
        var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var protectedValue = protector.Protect("hello");

        Assert.IsType<RedisSmsOtpThrottleStore>(host.Services.GetRequiredService<ISmsOtpThrottleStore>());
        Assert.IsType<RedisXmlRepository>(keys.XmlRepository);
        Assert.Equal("ClusterApp", dataProtection.ApplicationDiscriminator);
        Assert.True(await redis.Connection.GetDatabase().KeyExistsAsync(prefix + "dataprotection-keys"));

        // Another instance of the app, on its own connection: it reads what the first protected.
        var other = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "ClusterApp", EnvironmentName = "Production" });
        other.Configuration.AddInMemoryCollection([new("ConnectionStrings:Redis", redis.Configuration)]);
        other.AddMosaicSmsOtpRedis(o => o.KeyPrefix = prefix);
        using var otherHost = other.Build();
        Assert.Equal("hello", otherHost.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedValue));
    }

    [Fact]
    public void The_builder_reuses_a_registered_connection_as_Aspire_registers_it()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Services.AddSingleton(redis.Connection);
        builder.AddMosaicSmsOtpRedis();
        using var host = builder.Build();

        Assert.IsType<RedisSmsOtpThrottleStore>(host.Services.GetRequiredService<ISmsOtpThrottleStore>());
        Assert.Null(host.Services.GetService<OwnedRedisConnection>());
        Assert.Same(redis.Connection, host.Services.GetRequiredService<SharedRedisConnection>().Multiplexer);
    }

    [Fact]
    public void Without_a_connection_the_builder_says_what_to_set()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });

        var exception = Assert.Throws<InvalidOperationException>(() => builder.AddMosaicSmsOtpRedis());

        Assert.Contains("ConnectionStrings:Redis", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_app_that_opts_out_or_has_its_own_key_ring_keeps_it()
    {
        var ownRing = new SmsOtp.AspNetCore.Tests.Infrastructure.InMemoryKeyRepository();
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new TestEnvironment());
        services.AddDataProtection();
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = ownRing);
        services.AddMosaicSmsOtpRedis(_ => redis.Connection, configure: null);
        using var provider = services.BuildServiceProvider();
        Assert.Same(ownRing, provider.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);

        var optedOut = new ServiceCollection();
        optedOut.AddSingleton<IHostEnvironment>(new TestEnvironment());
        optedOut.AddMosaicSmsOtpRedis(_ => redis.Connection, o => o.PersistDataProtectionKeys = false);
        using var optedOutProvider = optedOut.BuildServiceProvider();
        Assert.IsNotType<RedisXmlRepository>(optedOutProvider.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
    }

    [Fact]
    public void The_default_key_prefix_is_smsotp()
    {
        Assert.Equal("smsotp:", new MosaicSmsOtpRedisOptions().KeyPrefix);
        Assert.Equal("Redis", new MosaicSmsOtpRedisOptions().ConnectionName);
    }

    [Fact]
    public void A_malformed_configuration_string_fails_at_registration()
    {
        Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddMosaicSmsOtpRedis("127.0.0.1:6379,notAnOption=1", configure: null));
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "TestApp";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
