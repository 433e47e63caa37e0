using System.Text.Json.Serialization;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>The success answer of the validation endpoint: <c>{"result": "&lt;uri&gt;"}</c>.</summary>
internal sealed class ValidateSmsResponse
{
    [JsonPropertyName("result")]
    public string? Result { get; init; }
}
