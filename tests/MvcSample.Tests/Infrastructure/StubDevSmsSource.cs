using MvcSample.DevSms;

namespace MvcSample.Tests.Infrastructure;

/// <summary>A fixed outbox, given oldest first on purpose so the page's newest-first order is really tested.</summary>
internal sealed class StubDevSmsSource : IDevSmsSource
{
    public static readonly DevSmsMessage Older =
        new("+14155550123", "Your code is 111111", "111111", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public static readonly DevSmsMessage Newer =
        new("+447700900123", "Your code is 222222", "222222", new DateTimeOffset(2026, 1, 2, 3, 9, 0, TimeSpan.Zero));

    public IReadOnlyList<DevSmsMessage> GetMessages() => [Older, Newer];
}
