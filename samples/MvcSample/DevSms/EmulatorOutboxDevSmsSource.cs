using SmsOtp.AspNetCore.Testing;

namespace MvcSample.DevSms;

/// <summary>Embedded mode: <c>/dev/sms</c> lists what the hosted Mosaic emulator "sent", read from its outbox.</summary>
internal sealed class EmulatorOutboxDevSmsSource(MosaicEmulatorOutbox outbox) : IDevSmsSource
{
    public IReadOnlyList<DevSmsMessage> GetMessages() =>
        [.. outbox.GetMessages().Select(sms => new DevSmsMessage(sms.PhoneNumber, sms.Text, sms.Code, sms.SentAt))];
}
