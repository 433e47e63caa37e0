using System.Globalization;
using System.Net;
using System.Text.Json;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// An error answer from Mosaic, read from any of the shapes Mosaic is documented to use:
/// <c>{"message": "…" | ["…"], "error_code": 400 | "auth_locked", "error_type": "invalid_otp"}</c> or OAuth's
/// <c>{"error": "invalid_grant", "error_description": "…"}</c>.
/// </summary>
internal sealed record MosaicApiError(HttpStatusCode StatusCode, string? Code, string? Message)
{
    /// <summary>Reads what it can of an error body; never throws, whatever the body is.</summary>
    public static MosaicApiError Parse(HttpStatusCode statusCode, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return new(statusCode, null, null);
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(statusCode, null, null);
            }

            var root = document.RootElement;
            // error_type is the most specific (invalid_otp, expired_otp); a string error_code next (auth_locked); OAuth's error last.
            var code = ReadString(root, "error_type")
                ?? ReadCode(root, "error_code")
                ?? ReadString(root, "error");
            var message = ReadMessage(root, "message") ?? ReadString(root, "error_description");
            return new(statusCode, code, message);
        }
        catch (JsonException)
        {
            return new(statusCode, null, null);
        }
    }

    private static string? ReadString(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // A numeric error_code only repeats the status; a string one names the failure.
    private static string? ReadCode(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? ReadMessage(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString())),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    /// <summary>A description for logs: status and code only, since messages may echo input.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(int)StatusCode} {Code ?? "-"}");
}
