using SmsOtp.AspNetCore.Throttling;
using StackExchange.Redis;

namespace SmsOtp.AspNetCore.Redis;

/// <summary>
/// An <see cref="ISmsOtpThrottleStore"/> in Redis, so every app instance counts against the same limits. Each counter is
/// one hash at <c>{prefix}{key}</c> with fields <c>c</c> (the count) and <c>r</c> (when it resets, in Unix milliseconds);
/// each reservation and each refund is one Lua script, so one round trip and atomic across instances.
/// </summary>
/// <remarks>
/// Expiry follows the app's <see cref="TimeProvider"/>, not Redis' clock: every script is given "now" and treats a counter
/// whose reset time has come as absent. Each key also gets a Redis time to live of its window plus
/// <see cref="CleanupMargin"/> so that Redis removes it by itself. A script touches several keys, so on a Redis Cluster
/// they must share a slot: put a hash tag in the prefix (<c>{smsotp}:</c>). Every call is bounded by the operation
/// timeout; a call that times out or is cancelled stops waiting, but a command already sent may still run (it can only
/// have charged, which is stricter, never looser).
/// </remarks>
internal sealed class RedisSmsOtpThrottleStore : ISmsOtpThrottleStore
{
    /// <summary>How much longer than its window a counter's key lives in Redis before Redis deletes it.</summary>
    internal static readonly TimeSpan CleanupMargin = TimeSpan.FromMinutes(1);

    // KEYS = the budgets' counters; ARGV[1] = now (ms), ARGV[2] = cleanup margin (ms), then per budget: limit, window (ms),
    // charge (1/0), restart (1/0). Returns { allowed (1/0), count1, resets1, count2, resets2, ... }: after the charges when
    // every checked budget had room, else as they were with nothing changed (0, 0 for an absent or expired counter). The
    // counters are tracked per key, so a key named by two budgets reports the same counter twice.
    private const string ReserveScript = """
        local now = tonumber(ARGV[1])
        local state, refused = {}, false
        for i = 1, #KEYS do
          local k = KEYS[i]
          if not state[k] then
            local f = redis.call('HMGET', k, 'c', 'r')
            local c, r = tonumber(f[1]), tonumber(f[2])
            if not c or not r or r <= now then c = 0; r = 0 end
            state[k] = { c, r }
          end
          if ARGV[i * 4 + 2] ~= '1' and state[k][1] >= tonumber(ARGV[i * 4 - 1]) then refused = true end
        end
        if not refused then
          for i = 1, #KEYS do
            local k = KEYS[i]
            if ARGV[i * 4 + 2] == '1' then
              redis.call('DEL', k)
              state[k] = { 0, 0 }
            end
            if ARGV[i * 4 + 1] == '1' then
              if state[k][1] > 0 then
                redis.call('HINCRBY', k, 'c', 1)
                state[k][1] = state[k][1] + 1
              else
                local window = tonumber(ARGV[i * 4])
                redis.call('HSET', k, 'c', 1, 'r', now + window)
                redis.call('PEXPIRE', k, window + tonumber(ARGV[2]))
                state[k] = { 1, now + window }
              end
            end
          end
        end
        local out = { refused and 0 or 1 }
        for i = 1, #KEYS do
          out[#out + 1] = state[KEYS[i]][1]
          out[#out + 1] = state[KEYS[i]][2]
        end
        return out
        """;

    // KEYS = counters; ARGV[1] = now (ms), then per counter: 1 to remove it, 0 to take 1 off (removing it at zero).
    private const string RefundScript = """
        local now = tonumber(ARGV[1])
        for i = 1, #KEYS do
          if ARGV[i + 1] == '1' then
            redis.call('DEL', KEYS[i])
          else
            local f = redis.call('HMGET', KEYS[i], 'c', 'r')
            local c, r = tonumber(f[1]), tonumber(f[2])
            if c and r and r > now then
              if c <= 1 then redis.call('DEL', KEYS[i]) else redis.call('HINCRBY', KEYS[i], 'c', -1) end
            end
          end
        end
        return 1
        """;

    private readonly IConnectionMultiplexer _connection;
    private readonly string _keyPrefix;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _operationTimeout;

    /// <summary>Creates a store on <paramref name="connection"/>'s default database.</summary>
    /// <param name="connection">The Redis connection; the caller owns it.</param>
    /// <param name="keyPrefix">Put before every key (may be empty).</param>
    /// <param name="timeProvider">The clock that decides when counters expire.</param>
    /// <param name="operationTimeout">How long one call may wait for Redis; <see cref="Timeout.InfiniteTimeSpan"/> for the connection's own timeouts only.</param>
    public RedisSmsOtpThrottleStore(IConnectionMultiplexer connection, string keyPrefix, TimeProvider timeProvider, TimeSpan operationTimeout)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _connection = connection;
        _keyPrefix = keyPrefix;
        _timeProvider = timeProvider;
        _operationTimeout = operationTimeout;
    }

    /// <summary>Creates a store whose calls wait as long as the connection's own timeouts allow.</summary>
    public RedisSmsOtpThrottleStore(IConnectionMultiplexer connection, string keyPrefix, TimeProvider timeProvider)
        : this(connection, keyPrefix, timeProvider, Timeout.InfiniteTimeSpan)
    {
    }

    /// <inheritdoc />
    public async ValueTask<SmsOtpThrottleReservation> ReserveAsync(IReadOnlyList<SmsOtpThrottleBudget> budgets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        cancellationToken.ThrowIfCancellationRequested();

        var keys = new RedisKey[budgets.Count];
        var values = new RedisValue[2 + (4 * budgets.Count)];
        values[0] = NowMs();
        values[1] = (long)CleanupMargin.TotalMilliseconds;
        for (var i = 0; i < budgets.Count; i++)
        {
            var budget = budgets[i];
            ArgumentException.ThrowIfNullOrEmpty(budget.Key, nameof(budgets));
            if (budget.Charge && budget.Window <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(budgets), "A budget that charges needs a positive window.");
            }

            keys[i] = RedisKeyOf(budget.Key);
            values[2 + (4 * i)] = budget.Limit;

            // At least 1 ms: a sub-millisecond window would otherwise be born expired.
            values[3 + (4 * i)] = Math.Max(1, (long)Math.Ceiling(budget.Window.TotalMilliseconds));
            values[4 + (4 * i)] = budget.Charge ? 1 : 0;
            values[5 + (4 * i)] = budget.Restart ? 1 : 0;
        }

        var result = (RedisResult[])(await WaitAsync(Database.ScriptEvaluateAsync(ReserveScript, keys, values), cancellationToken).ConfigureAwait(false))!;
        var counters = new SmsOtpThrottleCounter?[budgets.Count];
        for (var i = 0; i < counters.Length; i++)
        {
            var count = (long)result[1 + (2 * i)];
            counters[i] = count > 0 ? new SmsOtpThrottleCounter(count, DateTimeOffset.FromUnixTimeMilliseconds((long)result[2 + (2 * i)])) : null;
        }

        return (long)result[0] == 1 ? SmsOtpThrottleReservation.Allowed(counters) : SmsOtpThrottleReservation.Refused(counters);
    }

    /// <inheritdoc />
    public async ValueTask RefundAsync(IReadOnlyList<SmsOtpThrottleRefund> refunds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refunds);
        cancellationToken.ThrowIfCancellationRequested();

        var keys = new RedisKey[refunds.Count];
        var values = new RedisValue[1 + refunds.Count];
        values[0] = NowMs();
        for (var i = 0; i < refunds.Count; i++)
        {
            ArgumentException.ThrowIfNullOrEmpty(refunds[i].Key, nameof(refunds));
            keys[i] = RedisKeyOf(refunds[i].Key);
            values[1 + i] = refunds[i].Clear ? 1 : 0;
        }

        await WaitAsync(Database.ScriptEvaluateAsync(RefundScript, keys, values), cancellationToken).ConfigureAwait(false);
    }

    private IDatabase Database => _connection.GetDatabase();

    private RedisKey RedisKeyOf(string key) => _keyPrefix + key;

    private long NowMs() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<T> WaitAsync<T>(Task<T> call, CancellationToken cancellationToken) =>
        _operationTimeout == Timeout.InfiniteTimeSpan ? call.WaitAsync(cancellationToken) : call.WaitAsync(_operationTimeout, cancellationToken);
}
