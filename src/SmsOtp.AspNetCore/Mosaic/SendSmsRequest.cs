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

    /// <summary>An OpenID Connect <c>claims</c> request for the ID token: <c>{"id_token":{"phone_number":null,…}}</c>.</summary>
    public static JsonObject? ClaimsRequest(IEnumerable<string> claims)
    {
        var idToken = new JsonObject();
        foreach (var claim in claims)
        {
            idToken[claim] = null;
        }

        return idToken.Count == 0 ? null : new JsonObject { ["id_token"] = idToken };
    }
}
