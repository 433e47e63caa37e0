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

/// <summary>The success answer of the validation endpoint: <c>{"result": "&lt;uri&gt;"}</c>.</summary>
internal sealed class ValidateSmsResponse
{
    [JsonPropertyName("result")]
    public string? Result { get; init; }
}

/// <summary>The success answer of <c>POST /oidc/token</c>, for both grants.</summary>
internal sealed class TokenEndpointResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("id_token")]
    public string? IdToken { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("expires_in")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? ExpiresIn { get; init; }

    [JsonPropertyName("scope")]
    public string? Scope { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendSmsRequest))]
[JsonSerializable(typeof(ValidateSmsRequest))]
[JsonSerializable(typeof(ValidateSmsResponse))]
[JsonSerializable(typeof(TokenEndpointResponse))]
internal sealed partial class MosaicJsonContext : JsonSerializerContext;
