namespace MvcSample.DevSms;

/// <summary>
/// Phase-1 stand-in for the emulator's outbox: holds what is recorded into it, and nothing is recorded yet.
/// Replaced by an adapter over <c>MosaicEmulatorOutbox</c> once the emulator exists.
/// </summary>
internal sealed class InMemoryDevSmsSource : IDevSmsSource
{
    private readonly Lock _gate = new();
    private readonly List<DevSmsMessage> _messages = [];

    public void Record(DevSmsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            _messages.Add(message);
        }
    }

    public IReadOnlyList<DevSmsMessage> GetMessages()
    {
        lock (_gate)
        {
            return [.. _messages.AsEnumerable().Reverse()];
        }
    }
}
