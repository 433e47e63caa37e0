namespace MvcSample.DevSms;

/// <summary>
/// Phase-1 stand-in: the emulator is not embedded yet, so nothing has been sent. Replaced by an adapter over the
/// emulator's <c>MosaicEmulatorOutbox</c> once the emulator exists.
/// </summary>
internal sealed class EmptyDevSmsSource : IDevSmsSource
{
    public IReadOnlyList<DevSmsMessage> GetMessages() => [];
}
