using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Tests.Throttling;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Redis.Tests;

/// <summary>The store contract every <see cref="ISmsOtpThrottleStore"/> meets, against a real Redis.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisThrottleStoreContractTests(RedisServer redis) : ThrottleStoreContractTests
{
    private readonly string _prefix = RedisServer.NewPrefix("contract");

    // Expiry follows the FakeTimeProvider, so the contract's clock moves this store's too.
    protected override ISmsOtpThrottleStore CreateStore(FakeTimeProvider timeProvider) => new RedisSmsOtpThrottleStore(redis.Connection, _prefix, timeProvider);

    protected override Task<SmsOtpThrottleCounter?> PeekAsync(string key) => redis.PeekAsync(_prefix + key, Time);
}

/// <summary>Every throttle decision of <see cref="SmsOtpThrottleTests"/>, B-37, B-40 and B-42 included, on Redis.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSmsOtpThrottleTests(RedisServer redis) : SmsOtpThrottleTests
{
    private readonly string _prefix = RedisServer.NewPrefix("throttle");

    protected override ISmsOtpThrottleStore CreateStore(FakeTimeProvider timeProvider) => new RedisSmsOtpThrottleStore(redis.Connection, _prefix, timeProvider);

    protected override Task<SmsOtpThrottleCounter?> PeekAsync(string key) => redis.PeekAsync(_prefix + key, Time);
}
