namespace SmsOtp.AspNetCore.Redis;

/// <summary>Options of the Redis that app instances share, added by <c>AddMosaicSmsOtpRedis</c>.</summary>
public sealed class MosaicSmsOtpRedisOptions
{
    /// <summary>The default <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "smsotp:";

    /// <summary>The connection string's default name: <c>ConnectionStrings:Redis</c>, as Aspire and the platform's Redis caches use.</summary>
    public const string DefaultConnectionName = "Redis";

    /// <summary>
    /// Gets or sets the name of the connection string the builder's overload reads, <c>ConnectionStrings:{ConnectionName}</c>
    /// (environment variable <c>ConnectionStrings__Redis</c>), when no <c>IConnectionMultiplexer</c> is registered.
    /// Defaults to <c>Redis</c>.
    /// </summary>
    public string ConnectionName { get; set; } = DefaultConnectionName;

    /// <summary>
    /// Gets or sets what is put before every key this package writes, so that several apps can share one Redis database:
    /// throttle records become <c>{KeyPrefix}send:all</c>, <c>{KeyPrefix}attempt:flow:…</c> and so on, and the Data
    /// Protection key ring <c>{KeyPrefix}dataprotection-keys</c>. Every instance of one app must use the same prefix.
    /// Defaults to <c>smsotp:</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>
    /// Gets or sets how long one throttle decision may wait for Redis before the request is answered with 503. It bounds
    /// a sign-in step's latency when Redis is slow or gone. Defaults to 2 seconds.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Gets or sets a value indicating whether the app's Data Protection key ring is kept in the same Redis, so that
    /// cookies protected by one instance can be read by every other. Set it to <see langword="false"/> when the app
    /// manages its own key ring. Defaults to <see langword="true"/>; a key repository the app configured itself is never
    /// replaced.
    /// </summary>
    public bool PersistDataProtectionKeys { get; set; } = true;

    /// <summary>
    /// Gets or sets the Data Protection application name every instance shares (keys protected under one name cannot be
    /// read under another). Defaults to the host's application name (the entry assembly's name); used only with
    /// <see cref="PersistDataProtectionKeys"/>.
    /// </summary>
    public string? ApplicationName { get; set; }
}
