using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmsOtp.AspNetCore.Testing.Hosting;

namespace SmsOtp.AspNetCore.Testing.Endpoints;

/// <summary>
/// The emulator's own HTTP controls under <c>/emulator</c> (not Mosaic paths): outbox, counters and faults, for tests
/// that drive a standalone emulator from another process.
/// </summary>
internal static class ControlEndpoints
{
    public static Task OutboxAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        var phone = context.Request.Query["phone"].ToString() is { Length: > 0 } p ? p : null;
        var messages = runtime.Outbox.GetSendAttempts(phone).Select(sms => new Dictionary<string, object?>
        {
            ["phone_number"] = sms.PhoneNumber,
            ["text"] = sms.Text,
            ["sender_id"] = sms.SenderId,
            ["code"] = sms.Delivered ? sms.Code : null,
            ["sent_at"] = sms.SentAt,
            ["delivered"] = sms.Delivered,
            ["not_delivered_reason"] = sms.NotDeliveredReason,
        }).ToList();
        return EmulatorResponses.Json(messages).ExecuteAsync(context);
    }

    public static Task CountersAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        var counts = Enum.GetValues<MosaicEmulatorEndpoint>().ToDictionary(endpoint => endpoint.ToString(), runtime.Counters.Get);
        return EmulatorResponses.Json(counts).ExecuteAsync(context);
    }

    /// <summary>
    /// Body: <c>{"endpoint":"SendSms","status_code":429,"retry_after_seconds":30,"delay_ms":0,"malformed_body":false,"times":1}</c>,
    /// and/or <c>{"id_token":"WrongIssuer, Expired"}</c>.
    /// </summary>
    public static async Task SetFaultAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        using var document = await EmulatorResponses.ReadJsonAsync(context.Request).ConfigureAwait(false);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            await EmulatorResponses.BadRequest(["body must be a JSON object"]).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var body = document.RootElement;
        try
        {
            if (body.TryGetProperty("id_token", out var idToken))
            {
                runtime.Faults.IdToken = Enum.Parse<MosaicEmulatorIdTokenFault>(idToken.GetString() ?? "None", ignoreCase: true);
            }

            if (body.TryGetProperty("endpoint", out var endpointElement))
            {
                var endpoint = Enum.Parse<MosaicEmulatorEndpoint>(endpointElement.GetString() ?? string.Empty, ignoreCase: true);
                runtime.Faults.Set(endpoint, new MosaicEmulatorFault
                {
                    StatusCode = body.TryGetProperty("status_code", out var status) ? status.GetInt32() : null,
                    RetryAfter = body.TryGetProperty("retry_after_seconds", out var retry) ? TimeSpan.FromSeconds(retry.GetDouble()) : null,
                    Delay = body.TryGetProperty("delay_ms", out var delay) ? TimeSpan.FromMilliseconds(delay.GetDouble()) : null,
                    MalformedBody = body.TryGetProperty("malformed_body", out var malformed) && malformed.GetBoolean(),
                    Times = body.TryGetProperty("times", out var times) ? times.GetInt32() : null,
                });
            }
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or FormatException)
        {
            await EmulatorResponses.BadRequest([exception.Message]).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public static Task ClearFaultsAsync(HttpContext context)
    {
        context.RequestServices.GetRequiredService<EmulatorRuntime>().Faults.Clear();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
