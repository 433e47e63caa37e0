namespace SmsOtp.AspNetCore.Redis;

/// <summary>Options of the Redis throttle store added by <c>AddMosaicSmsOtpRedisThrottleStore</c>.</summary>
public sealed class MosaicSmsOtpRedisOptions
{
    /// <summary>The default <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "smsotp:";

    /// <summary>
    /// Gets or sets what is put before every counter's key, so that several apps can share one Redis database. Every
    /// instance of one app must use the same prefix. Defaults to <c>smsotp:</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;
}
