using System.Globalization;
using System.Net;
using System.Text.Json;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// An error answer from Mosaic, read from any of the shapes Mosaic is documented or inferred to use:
/// <c>{"message": "…" | ["…"], "error_code": 400 | "auth_locked", "error_type": "invalid_otp"}</c> or OAuth's
/// <c>{"error": "invalid_grant", "error_description": "…"}</c>. Every code is kept (<see cref="Codes"/>), because the
/// same failure is named by <c>error_type</c> on one endpoint and by a string <c>error_code</c> on another: callers
/// match with <see cref="HasCode"/>, not with <see cref="Code"/>.
/// </summary>
internal sealed partial record MosaicApiError
{
    private readonly string[] _codes;

    public MosaicApiError(HttpStatusCode statusCode, string? errorType = null, string? errorCode = null, string? oAuthError = null, IReadOnlyList<string>? messages = null, bool isJsonObject = false)
    {
        StatusCode = statusCode;
        IsJsonObject = isJsonObject || errorType is not null || errorCode is not null || oAuthError is not null || messages is { Count: > 0 };
        ErrorType = errorType;
        ErrorCode = errorCode;
        OAuthError = oAuthError;
        Messages = messages ?? [];
        _codes = new[] { errorType, errorCode, oAuthError }.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        Code = _codes.FirstOrDefault();
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>
    /// Whether the body was a JSON object, as all of Mosaic's error answers are. An empty, HTML or other body comes from
    /// something in front of Mosaic (a proxy, a wrong base URL) rather than from Mosaic's API.
    /// </summary>
    public bool IsJsonObject { get; }

    /// <summary><c>error_type</c>, such as <c>invalid_otp</c> or <c>expired_otp</c>.</summary>
    public string? ErrorType { get; }

    /// <summary>A string <c>error_code</c>, such as <c>auth_locked</c>. A numeric one only repeats the status and is not kept.</summary>
    public string? ErrorCode { get; }

    /// <summary>OAuth's <c>error</c>, such as <c>invalid_grant</c>.</summary>
    public string? OAuthError { get; }

    /// <summary>The codes the body carries, most specific first: <c>error_type</c>, a string <c>error_code</c>, OAuth's <c>error</c>.</summary>
    public IReadOnlyList<string> Codes => _codes;

    /// <summary>
    /// The code to log and to branch on where one code is enough: the most specific one the body carries, unless the
    /// caller that read the answer named the failure itself (see <c>MosaicApiClient.ExchangeCodeAsync</c>).
    /// </summary>
    public string? Code { get; init; }

    /// <summary><c>message</c> (a string or each string of an array) and <c>error_description</c>. Never logged: they may echo input.</summary>
    public IReadOnlyList<string> Messages { get; }

    public string? Message => Messages.Count == 0 ? null : string.Join("; ", Messages);

    /// <summary>Whether any of the body's codes is <paramref name="code"/>.</summary>
    public bool HasCode(string code) => Array.Exists(_codes, c => string.Equals(c, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether any of the body's codes is one of <paramref name="codes"/>.</summary>
    public bool HasAnyCode(params ReadOnlySpan<string> codes)
    {
        foreach (var code in codes)
        {
            if (HasCode(code))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any message contains <paramref name="text"/>, ignoring case.</summary>
    public bool MessagesMention(string text) => Messages.Any(m => m.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads what it can of an error body; never throws, whatever the body is.</summary>
    public static MosaicApiError Parse(HttpStatusCode statusCode, ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return new(statusCode);
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(statusCode);
            }

            var root = document.RootElement;
            var messages = new List<string>();
            ReadMessages(root, "message", messages);
            ReadMessages(root, "error_description", messages);
            return new(statusCode, ReadCode(root, "error_type"), ReadCode(root, "error_code"), ReadCode(root, "error"), messages, isJsonObject: true);
        }
        catch (JsonException)
        {
            return new(statusCode);
        }
    }

    // A number, or a string of digits ("400"), only repeats the status; a code names the failure.
    private static string? ReadCode(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } code && !code.All(char.IsAsciiDigit)
            ? code
            : null;

    private static void ReadMessages(JsonElement root, string name, List<string> messages)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            messages.Add(value.GetString()!);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            messages.AddRange(value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
        }
    }

    /// <summary>
    /// The status, codes and Mosaic's messages for a log line: digit runs (a number, a code) become <c>***</c>, control
    /// characters are dropped and the messages are cut at 200 characters.
    /// </summary>
    public string ToRedactedString()
    {
        if (Message is not { } message)
        {
            return ToString();
        }

        var redacted = DigitRun().Replace(new string(message.Where(c => !char.IsControl(c)).Take(200).ToArray()), "***");
        return string.Create(CultureInfo.InvariantCulture, $"{this}: \"{redacted}\"");
    }

    // Three digits or more, with the separators a phone number is written with: never logged.
    [System.Text.RegularExpressions.GeneratedRegex(@"\+?\d[\d\s().-]{1,}\d")]
    private static partial System.Text.RegularExpressions.Regex DigitRun();

    /// <summary>A description for logs: status and codes only, since messages may echo input.</summary>
    public override string ToString()
    {
        var others = _codes.Where(c => !string.Equals(c, Code, StringComparison.Ordinal)).ToArray();
        return others.Length == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)StatusCode} {Code ?? "-"}")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)StatusCode} {Code ?? "-"} ({string.Join(", ", others)})");
    }
}
