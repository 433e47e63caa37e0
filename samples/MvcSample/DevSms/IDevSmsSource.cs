namespace MvcSample.DevSms;

/// <summary>
/// Where <c>/dev/sms</c> reads the SMS that were "sent". The sample's own seam: in embedded mode it is backed by
/// the Mosaic emulator's outbox, so the page does not depend on the emulator's types.
/// </summary>
/// <remarks>Public only because MVC controllers must be public and this is one's constructor parameter.</remarks>
public interface IDevSmsSource
{
    /// <summary>Every SMS sent so far, newest first.</summary>
    IReadOnlyList<DevSmsMessage> GetMessages();
}
