using StackExchange.Redis;

namespace SmsOtp.AspNetCore.Redis;

/// <summary>A connection opened from a configuration string, closed when the service provider is disposed.</summary>
internal sealed class OwnedRedisConnection(ConnectionMultiplexer multiplexer) : IAsyncDisposable
{
    public ConnectionMultiplexer Multiplexer { get; } = multiplexer;

    public ValueTask DisposeAsync() => Multiplexer.DisposeAsync();
}
