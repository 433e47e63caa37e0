using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore.Testing.Endpoints;

/// <summary>The JSON bodies the emulator answers with, in the shapes of mosaic-api.md.</summary>
internal static class EmulatorResponses
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.General);

    public static IResult Json(object body, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(body, SerializerOptions, "application/json", statusCode);

    /// <summary>Mosaic's <c>BadRequestHttpError</c>: <c>{"message":["..."],"error_code":400}</c>.</summary>
    public static IResult BadRequest(IReadOnlyList<string> messages) =>
        Json(new Dictionary<string, object> { ["message"] = messages, ["error_code"] = 400 }, StatusCodes.Status400BadRequest);

    /// <summary>Mosaic's <c>{"message":"...","error_code":n}</c> with an optional <c>error_type</c>.</summary>
    public static IResult Error(int statusCode, string message, string? errorType = null)
    {
        var body = new Dictionary<string, object> { ["message"] = message, ["error_code"] = statusCode };
        if (errorType is not null)
        {
            body["error_type"] = errorType;
        }

        return Json(body, statusCode);
    }

    public static IResult InvalidToken() => Error(StatusCodes.Status401Unauthorized, "Invalid token");

    /// <summary>RFC 6749 §5.2 error.</summary>
    public static IResult OAuthError(string error, string description, int statusCode = StatusCodes.Status400BadRequest) =>
        Json(new Dictionary<string, object> { ["error"] = error, ["error_description"] = description }, statusCode);

    public static async Task<JsonDocument?> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            return await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? GetBearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>The Bearer header, or on a form POST the <c>access_token</c> field (RFC 6750 §2.2).</summary>
    public static async Task<string?> ReadBearerTokenAsync(HttpRequest request)
    {
        if (GetBearerToken(request) is { Length: > 0 } header)
        {
            return header;
        }

        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            return form["access_token"].ToString() is { Length: > 0 } field ? field : null;
        }

        return null;
    }
}
