using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Redis;
using SmsOtp.AspNetCore.Throttling;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a Redis <see cref="ISmsOtpThrottleStore"/> for the SMS OTP handler.</summary>
/// <remarks>
/// The key prefix is an option: <c>services.Configure&lt;MosaicSmsOtpRedisOptions&gt;(o =&gt; o.KeyPrefix = "myapp:smsotp:")</c>.
/// </remarks>
public static class MosaicSmsOtpRedisExtensions
{
    /// <summary>
    /// Keeps the SMS OTP throttle counters in Redis, on a connection this registration opens and owns, replacing the
    /// in-memory store whether it is called before or after <c>AddMosaicSmsOtp</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, for example <c>localhost:6379</c>.</param>
    /// <returns>The services.</returns>
    /// <remarks>
    /// The connection is opened when the store is first resolved and keeps reconnecting in the background; while Redis
    /// cannot be reached the store's calls throw, which the handler answers with 503.
    /// </remarks>
    public static IServiceCollection AddMosaicSmsOtpRedisThrottleStore(this IServiceCollection services, string configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(configuration);

        // Parse now, so a malformed string fails at startup rather than on the first sign-in.
        var redisOptions = ConfigurationOptions.Parse(configuration);
        redisOptions.AbortOnConnectFail = false;
        services.TryAddSingleton(_ => new OwnedRedisConnection(ConnectionMultiplexer.Connect(redisOptions)));
        return services.AddMosaicSmsOtpRedisThrottleStore(sp => sp.GetRequiredService<OwnedRedisConnection>().Multiplexer);
    }

    /// <summary>
    /// Keeps the SMS OTP throttle counters in Redis, on a connection the app owns, replacing the in-memory store whether
    /// it is called before or after <c>AddMosaicSmsOtp</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionFactory">Returns the app's Redis connection; called once. The app disposes it.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddMosaicSmsOtpRedisThrottleStore(this IServiceCollection services, Func<IServiceProvider, IConnectionMultiplexer> connectionFactory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionFactory);

        services.AddOptions<MosaicSmsOtpRedisOptions>()
            .Validate(o => o.KeyPrefix is not null, "MosaicSmsOtpRedisOptions.KeyPrefix must not be null.");

        services.Replace(ServiceDescriptor.Singleton<ISmsOtpThrottleStore>(sp => new RedisSmsOtpThrottleStore(
            connectionFactory(sp),
            sp.GetRequiredService<IOptions<MosaicSmsOtpRedisOptions>>().Value.KeyPrefix,
            sp.GetService<TimeProvider>() ?? TimeProvider.System)));
        return services;
    }
}
