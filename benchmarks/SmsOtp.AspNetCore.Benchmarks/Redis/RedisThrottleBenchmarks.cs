using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SmsOtp.AspNetCore.Otp;
using SmsOtp.AspNetCore.Throttling;
using StackExchange.Redis;

namespace SmsOtp.AspNetCore.Benchmarks.Redis;

/// <summary>
/// The throttle's decisions on the Redis store against a PING on the same connection to a redis-server of its own
/// (127.0.0.1), and the same decisions on the in-memory store. Each decision is one <see cref="ISmsOtpThrottleStore.ReserveAsync"/>,
/// as the handler makes it: the send's whole reservation (three hourly send budgets charged, the number's two wrong-code
/// budgets and its policy lock checked; cooldown off, as in the endpoint benchmarks) and one attempt's (the spent-flow
/// record and the policy lock checked, the flow's attempts and the number's two wrong-code counters charged), each also
/// reading the tenant's code policy (three counters). Then what a send adds once Mosaic accepted it: the policy's
/// new code (a read of the old one, then one script). Limits are at their maximum, so every decision is allowed.
/// </summary>
/// <remarks>
/// <c>SmsOtp.AspNetCore.Redis</c> does not grant this project its internals, so the store is the one the public
/// <c>AddMosaicSmsOtpRedis</c> registers, resolved as <see cref="ISmsOtpThrottleStore"/>.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class RedisThrottleBenchmarks
{
    private const string Phone = "+16175551212";
    private const string FlowId = "bench-flow";
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");

    private readonly MosaicSmsOtpThrottlingOptions _options = new()
    {
        ResendCooldown = TimeSpan.Zero,
        MaxSendsPerHour = int.MaxValue,
        MaxSendsPerClientIpPerHour = int.MaxValue,
        MaxSendsPerNumberPerHour = int.MaxValue,
        MaxAttemptsPerFlow = int.MaxValue,
        MaxAttemptsPerNumberPerHour = int.MaxValue,
        MaxConsecutiveFailuresPerNumber = int.MaxValue,
    };

    private BenchRedisServer _server = null!;
    private ConnectionMultiplexer _connection = null!;
    private ServiceProvider _services = null!;
    private IDatabase _database = null!;
    private SmsOtpThrottle _redisThrottle = null!;
    private SmsOtpThrottle _memoryThrottle = null!;
    private SmsOtpCodePolicy _redisPolicy = null!;

    private static readonly string[] PolicyKeys = SmsOtpCodePolicy.StateKeys(Phone);

    [GlobalSetup]
    public void Setup()
    {
        _server = BenchRedisServer.Start();
        _connection = ConnectionMultiplexer.Connect(_server.Configuration);
        _database = _connection.GetDatabase();
        _services = new ServiceCollection()
            .AddMosaicSmsOtpRedis(_ => _connection, o => o.PersistDataProtectionKeys = false)
            .BuildServiceProvider();
        _redisThrottle = new SmsOtpThrottle(_services.GetRequiredService<ISmsOtpThrottleStore>(), _options, TimeProvider.System);
        _memoryThrottle = new SmsOtpThrottle(new MemorySmsOtpThrottleStore(TimeProvider.System), _options, TimeProvider.System);
        _redisPolicy = new SmsOtpCodePolicy(_services.GetRequiredService<ISmsOtpThrottleStore>(), new MosaicSmsOtpCodePolicyOptions(), TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _connection.Dispose();
        _server.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Redis PING")]
    public Task<TimeSpan> Ping() => _database.PingAsync();

    [Benchmark(Description = "ReserveSendAsync (Redis store)")]
    public ValueTask<bool> RedisSend() => Send(_redisThrottle);

    [Benchmark(Description = "ReserveAttemptAsync (Redis store)")]
    public ValueTask<bool> RedisAttempt() => Attempt(_redisThrottle);

    [Benchmark(Description = "CodeSentAsync: the policy's read of the old code and the new code (Redis store)")]
    public ValueTask CodeSent() => _redisPolicy.CodeSentAsync(Phone, CancellationToken.None);

    [Benchmark(Description = "ReserveSendAsync (memory store)")]
    public ValueTask<bool> MemorySend() => Send(_memoryThrottle);

    [Benchmark(Description = "ReserveAttemptAsync (memory store)")]
    public ValueTask<bool> MemoryAttempt() => Attempt(_memoryThrottle);

    private static async ValueTask<bool> Send(SmsOtpThrottle throttle)
        => (await throttle.ReserveSendAsync(Phone, Client, resendOfFlowId: null, PolicyKeys, CancellationToken.None).ConfigureAwait(false)).Decision.IsAllowed
            ? true
            : throw new InvalidOperationException("The benchmark throttle refused a send.");

    private static async ValueTask<bool> Attempt(SmsOtpThrottle throttle)
        => (await throttle.ReserveAttemptAsync(Phone, FlowId, DateTimeOffset.UtcNow.AddMinutes(10), PolicyKeys, CancellationToken.None).ConfigureAwait(false)).Decision.IsAllowed
            ? true
            : throw new InvalidOperationException("The benchmark throttle refused an attempt.");
}
