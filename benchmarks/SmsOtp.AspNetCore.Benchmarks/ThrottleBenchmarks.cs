using System.Collections.Concurrent;
using System.Net;
using BenchmarkDotNet.Attributes;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Benchmarks;

/// <summary>
/// The send reservation with the in-memory store (one call: every budget checked and charged under one lock, cooldown
/// off as in the endpoint benchmarks), against one <see cref="ConcurrentDictionary{TKey, TValue}"/> increment. Limits are at their
/// maximum, so every check is allowed and the counters stay where they are: one number, one client, one global.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class ThrottleBenchmarks
{
    private const string Phone = "+16175551212";
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");

    private readonly ConcurrentDictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly MemorySmsOtpThrottleStore _store = new(TimeProvider.System);
    private readonly MosaicSmsOtpThrottlingOptions _options = new()
    {
        ResendCooldown = TimeSpan.Zero,
        MaxSendsPerHour = int.MaxValue,
        MaxSendsPerClientIpPerHour = int.MaxValue,
        MaxSendsPerNumberPerHour = int.MaxValue,
    };

    private readonly SmsOtpThrottle _throttle;

    public ThrottleBenchmarks() => _throttle = new SmsOtpThrottle(_store, _options, TimeProvider.System);

    [Benchmark(Baseline = true, Description = "ConcurrentDictionary increment")]
    public long Increment() => _counters.AddOrUpdate(Phone, 1, static (_, count) => count + 1);

    [Benchmark(Description = "SmsOtpThrottle.ReserveSendAsync (memory store)")]
    public async Task<bool> CheckSend() => (await _throttle.ReserveSendAsync(Phone, Client, resendOfFlowId: null, CancellationToken.None).ConfigureAwait(false)).IsAllowed
        ? true
        : throw new InvalidOperationException("The benchmark throttle refused a send.");
}
