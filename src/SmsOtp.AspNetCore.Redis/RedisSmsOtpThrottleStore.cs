using SmsOtp.AspNetCore.Throttling;
using StackExchange.Redis;

namespace SmsOtp.AspNetCore.Redis;

/// <summary>
/// An <see cref="ISmsOtpThrottleStore"/> in Redis, so every app instance counts against the same limits. Each counter is
/// one hash at <c>{prefix}{key}</c> with fields <c>c</c> (the count) and <c>r</c> (when it resets, in Unix milliseconds).
/// </summary>
/// <remarks>
/// Expiry follows the app's <see cref="TimeProvider"/>, not Redis' clock: every script is given "now" and treats a counter
/// whose reset time has come as absent. Each key also gets a Redis time to live of its window plus
/// <see cref="CleanupMargin"/> so that Redis removes it by itself. Redis commands take no cancellation token: a cancelled
/// call stops waiting, but a command already sent may still run.
/// </remarks>
internal sealed class RedisSmsOtpThrottleStore : ISmsOtpThrottleStore
{
    /// <summary>How much longer than its window a counter's key lives in Redis before Redis deletes it.</summary>
    internal static readonly TimeSpan CleanupMargin = TimeSpan.FromMinutes(1);

    // KEYS[1] = counter; ARGV = now (ms), window (ms), Redis time to live (ms). Returns { count, resets at (ms) }.
    // A live counter counts up and keeps its reset time; an absent or expired one restarts at 1 with a new window.
    private const string IncrementScript = """
        local now = tonumber(ARGV[1])
        local resets = tonumber(redis.call('HGET', KEYS[1], 'r'))
        if resets and resets > now then
          return { redis.call('HINCRBY', KEYS[1], 'c', 1), resets }
        end
        resets = now + tonumber(ARGV[2])
        redis.call('HSET', KEYS[1], 'c', 1, 'r', resets)
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return { 1, resets }
        """;

    // KEYS[1] = counter; ARGV[1] = now (ms). Returns { count, resets at (ms) }, or nil when absent or expired.
    private const string GetScript = """
        local fields = redis.call('HMGET', KEYS[1], 'c', 'r')
        if not fields[1] or not fields[2] or tonumber(fields[2]) <= tonumber(ARGV[1]) then
          return nil
        end
        return { tonumber(fields[1]), tonumber(fields[2]) }
        """;

    private readonly IConnectionMultiplexer _connection;
    private readonly string _keyPrefix;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a store on <paramref name="connection"/>'s default database.</summary>
    /// <param name="connection">The Redis connection; the caller owns it.</param>
    /// <param name="keyPrefix">Put before every key (may be empty).</param>
    /// <param name="timeProvider">The clock that decides when counters expire.</param>
    public RedisSmsOtpThrottleStore(IConnectionMultiplexer connection, string keyPrefix, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _connection = connection;
        _keyPrefix = keyPrefix;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public async ValueTask<SmsOtpThrottleCounter> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        // At least 1 ms: a sub-millisecond window would otherwise be born expired.
        var windowMs = Math.Max(1, (long)Math.Ceiling(window.TotalMilliseconds));
        var timeToLiveMs = windowMs + (long)CleanupMargin.TotalMilliseconds;
        var result = await Database.ScriptEvaluateAsync(
            IncrementScript,
            [RedisKeyOf(key)],
            [NowMs(), windowMs, timeToLiveMs]).WaitAsync(cancellationToken).ConfigureAwait(false);
        return ToCounter(result) ?? throw new InvalidOperationException("The Redis increment script returned no counter.");
    }

    /// <inheritdoc />
    public async ValueTask<SmsOtpThrottleCounter?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();

        var result = await Database.ScriptEvaluateAsync(GetScript, [RedisKeyOf(key)], [NowMs()])
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return ToCounter(result);
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();

        // One DEL is atomic by itself.
        await Database.KeyDeleteAsync(RedisKeyOf(key)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private IDatabase Database => _connection.GetDatabase();

    private RedisKey RedisKeyOf(string key) => _keyPrefix + key;

    private long NowMs() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private static SmsOtpThrottleCounter? ToCounter(RedisResult result)
    {
        if (result.IsNull)
        {
            return null;
        }

        var values = (RedisResult[])result!;
        return new SmsOtpThrottleCounter((long)values[0], DateTimeOffset.FromUnixTimeMilliseconds((long)values[1]));
    }
}
