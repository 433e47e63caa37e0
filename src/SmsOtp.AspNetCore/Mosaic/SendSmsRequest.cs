using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>The body of <c>POST /cis/v1/auth/otp/sms</c>.</summary>
internal sealed class SendSmsRequest
{
    [JsonPropertyName("phone_number")]
    public required string PhoneNumber { get; init; }

    [JsonPropertyName("create_new_user")]
    public bool CreateNewUser { get; init; }

    [JsonPropertyName("redirect_uri")]
    public required string RedirectUri { get; init; }

    [JsonPropertyName("custom_message")]
    public string? CustomMessage { get; init; }

    [JsonPropertyName("sender_id")]
    public string? SenderId { get; init; }

    [JsonPropertyName("claims")]
    public JsonObject? Claims { get; init; }
}
