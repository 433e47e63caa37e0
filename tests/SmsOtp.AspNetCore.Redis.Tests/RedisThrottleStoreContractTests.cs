using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Tests.Throttling;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Redis.Tests;

/// <summary>The store contract every <see cref="ISmsOtpThrottleStore"/> meets, against a real Redis.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisThrottleStoreContractTests(RedisServer redis) : ThrottleStoreContractTests
{
    // Expiry follows the FakeTimeProvider, so neither AdvanceAsync nor ClockTolerance is overridden.
    // The base constructor creates the store before this class's parameters are stored: connect on first use.
    protected override ISmsOtpThrottleStore CreateStore(FakeTimeProvider timeProvider)
    {
        var prefix = RedisServer.NewPrefix("contract");
        return new DeferredStore(() => new RedisSmsOtpThrottleStore(redis.Connection, prefix, timeProvider));
    }

    private sealed class DeferredStore(Func<ISmsOtpThrottleStore> create) : ISmsOtpThrottleStore
    {
        private readonly Lazy<ISmsOtpThrottleStore> _store = new(create);

        public ValueTask<SmsOtpThrottleCounter> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
            => _store.Value.IncrementAsync(key, window, cancellationToken);

        public ValueTask<SmsOtpThrottleCounter?> GetAsync(string key, CancellationToken cancellationToken)
            => _store.Value.GetAsync(key, cancellationToken);

        public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
            => _store.Value.RemoveAsync(key, cancellationToken);
    }
}
