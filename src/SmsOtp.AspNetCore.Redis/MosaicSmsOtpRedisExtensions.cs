using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Redis;
using SmsOtp.AspNetCore.Throttling;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Joins app instances into one cluster through a shared Redis.</summary>
public static class MosaicSmsOtpRedisExtensions
{
    /// <summary>
    /// Joins the cluster of app instances sharing one Redis with the default options; see
    /// <see cref="AddMosaicSmsOtpRedis(IHostApplicationBuilder, Action{MosaicSmsOtpRedisOptions}?)"/>.
    /// </summary>
    /// <param name="builder">The app's builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddMosaicSmsOtpRedis(this IHostApplicationBuilder builder) => builder.AddMosaicSmsOtpRedis(configure: null);

    /// <summary>
    /// Joins the cluster of app instances sharing one Redis: the SMS OTP throttles and spent-flow records, and (unless
    /// <see cref="MosaicSmsOtpRedisOptions.PersistDataProtectionKeys"/> is turned off) the Data Protection key ring. Uses
    /// the <see cref="IConnectionMultiplexer"/> already registered (Aspire's <c>AddRedisClient</c>), else the connection
    /// string <c>ConnectionStrings:Redis</c> (<see cref="MosaicSmsOtpRedisOptions.ConnectionName"/>).
    /// </summary>
    /// <param name="builder">The app's builder.</param>
    /// <param name="configure">Configures the options, or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">No connection is registered and the connection string is not set.</exception>
    public static IHostApplicationBuilder AddMosaicSmsOtpRedis(this IHostApplicationBuilder builder, Action<MosaicSmsOtpRedisOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var preview = new MosaicSmsOtpRedisOptions();
        configure?.Invoke(preview);
        var connectionName = preview.ConnectionName;
        ArgumentException.ThrowIfNullOrEmpty(connectionName, "MosaicSmsOtpRedisOptions.ConnectionName");

        if (builder.Services.Any(d => d.ServiceType == typeof(IConnectionMultiplexer)))
        {
            builder.Services.AddMosaicSmsOtpRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), configure);
            return builder;
        }

        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"AddMosaicSmsOtpRedis found no Redis: set ConnectionStrings:{connectionName} (for example \"localhost:6379\"; " +
                $"environment variable ConnectionStrings__{connectionName}), or register an IConnectionMultiplexer first (Aspire's AddRedisClient).");
        }

        builder.Services.AddMosaicSmsOtpRedis(connectionString, configure);
        return builder;
    }

    /// <summary>
    /// Joins the cluster of app instances sharing the Redis at <paramref name="configuration"/>, on a connection this
    /// registration opens and owns; see <see cref="AddMosaicSmsOtpRedis(IHostApplicationBuilder, Action{MosaicSmsOtpRedisOptions}?)"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, for example <c>localhost:6379</c>.</param>
    /// <param name="configure">Configures the options, or <see langword="null"/>.</param>
    /// <returns>The services.</returns>
    /// <remarks>
    /// The connection is opened when first needed and keeps reconnecting in the background; while Redis cannot be reached
    /// commands fail at once rather than queue, and the handler answers 503.
    /// </remarks>
    public static IServiceCollection AddMosaicSmsOtpRedis(this IServiceCollection services, string configuration, Action<MosaicSmsOtpRedisOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(configuration);

        // Parse now, so a malformed string fails at startup rather than on the first sign-in.
        var redisOptions = ConfigurationOptions.Parse(configuration);
        redisOptions.AbortOnConnectFail = false;
        redisOptions.BacklogPolicy = BacklogPolicy.FailFast;
        services.TryAddSingleton(_ => new OwnedRedisConnection(ConnectionMultiplexer.Connect(redisOptions)));
        return services.AddMosaicSmsOtpRedis(sp => sp.GetRequiredService<OwnedRedisConnection>().Multiplexer, configure);
    }

    /// <summary>
    /// Joins the cluster of app instances sharing the Redis of a connection the app owns (and disposes); see
    /// <see cref="AddMosaicSmsOtpRedis(IHostApplicationBuilder, Action{MosaicSmsOtpRedisOptions}?)"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionFactory">Returns the app's Redis connection; called once.</param>
    /// <param name="configure">Configures the options, or <see langword="null"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddMosaicSmsOtpRedis(this IServiceCollection services, Func<IServiceProvider, IConnectionMultiplexer> connectionFactory, Action<MosaicSmsOtpRedisOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionFactory);

        var options = services.AddOptions<MosaicSmsOtpRedisOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .Validate(o => o.KeyPrefix is not null, "MosaicSmsOtpRedisOptions.KeyPrefix must not be null; set it to \"\" for no prefix.")
            .Validate(o => o.OperationTimeout > TimeSpan.Zero || o.OperationTimeout == Timeout.InfiniteTimeSpan, "MosaicSmsOtpRedisOptions.OperationTimeout must be positive (for example 2 seconds).")
            .ValidateOnStart();

        services.TryAddSingleton(sp => new SharedRedisConnection(connectionFactory(sp)));
        services.Replace(ServiceDescriptor.Singleton<ISmsOtpThrottleStore>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<MosaicSmsOtpRedisOptions>>().Value;
            return new RedisSmsOtpThrottleStore(sp.GetRequiredService<SharedRedisConnection>().Multiplexer, o.KeyPrefix, sp.GetService<TimeProvider>() ?? TimeProvider.System, o.OperationTimeout);
        }));

        // The key ring: every instance must read the cookies (flow, antiforgery, auth) any other protected.
        services.AddDataProtection();
        services.AddOptions<DataProtectionOptions>().Configure<IOptions<MosaicSmsOtpRedisOptions>, IHostEnvironment>((dataProtection, redis, environment) =>
        {
            if (redis.Value.PersistDataProtectionKeys)
            {
                dataProtection.ApplicationDiscriminator = redis.Value.ApplicationName ?? environment.ApplicationName;
            }
        });
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<MosaicSmsOtpRedisOptions>, IServiceProvider>((keys, redis, sp) =>
        {
            if (redis.Value.PersistDataProtectionKeys && keys.XmlRepository is null)
            {
                var connection = sp.GetRequiredService<SharedRedisConnection>();
                keys.XmlRepository = new RedisXmlRepository(() => connection.Multiplexer.GetDatabase(), redis.Value.KeyPrefix + "dataprotection-keys");
            }
        });
        return services;
    }
}
