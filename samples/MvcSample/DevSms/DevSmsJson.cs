using System.Text.Json.Serialization;

namespace MvcSample.DevSms;

/// <summary>The JSON shape of one entry of <c>/dev/sms</c>, in the snake_case field names tools and tests read.</summary>
internal sealed record DevSmsJson(
    [property: JsonPropertyName("phone_number")] string PhoneNumber,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("otp")] string Otp,
    [property: JsonPropertyName("sent_at")] DateTimeOffset SentAt)
{
    public static DevSmsJson From(DevSmsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new DevSmsJson(message.PhoneNumber, message.Text, message.Code, message.SentAt);
    }
}
