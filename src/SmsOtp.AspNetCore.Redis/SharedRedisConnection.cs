using StackExchange.Redis;

namespace SmsOtp.AspNetCore.Redis;

/// <summary>The one connection the throttle store and the key ring share, whoever owns it.</summary>
internal sealed class SharedRedisConnection(IConnectionMultiplexer multiplexer)
{
    public IConnectionMultiplexer Multiplexer { get; } = multiplexer;
}
