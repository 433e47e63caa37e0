using System.Text.Json.Serialization;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>The body of <c>POST /cis/v1/auth/otp/sms/validation</c>.</summary>
internal sealed class ValidateSmsRequest
{
    [JsonPropertyName("phone_number")]
    public required string PhoneNumber { get; init; }

    [JsonPropertyName("passcode")]
    public required string Passcode { get; init; }

    [JsonPropertyName("response_type")]
    public string ResponseType { get; init; } = "code";

    [JsonPropertyName("nonce")]
    public required string Nonce { get; init; }
}
