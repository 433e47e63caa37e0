using System.Globalization;
using Microsoft.AspNetCore.Http;
using SmsOtp.AspNetCore.Testing.Diagnostics;
using SmsOtp.AspNetCore.Testing.Hosting;

namespace SmsOtp.AspNetCore.Testing.Faults;

/// <summary>Counts a request to an emulated endpoint and applies the fault armed there, if any.</summary>
internal static class FaultInjector
{
    /// <summary>Returns <see langword="true"/> when the fault wrote the response and the endpoint must not run.</summary>
    public static async Task<bool> ApplyAsync(EmulatorRuntime runtime, MosaicEmulatorEndpoint endpoint, HttpContext context)
    {
        runtime.Counters.Increment(endpoint);
        if (runtime.Faults.Take(endpoint) is not { } fault)
        {
            return false;
        }

        EmulatorLog.FaultInjected(runtime.Logger, endpoint, fault.StatusCode);
        if (fault.Delay is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, runtime.TimeProvider, context.RequestAborted).ConfigureAwait(false);
        }

        if (fault.StatusCode is null && !fault.MalformedBody)
        {
            return false;
        }

        var status = fault.StatusCode ?? StatusCodes.Status200OK;
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status429TooManyRequests)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((fault.RetryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        var body = fault.MalformedBody
            ? "{\"message\": \"Injected fault\", \"error_code\": "
            : "{\"message\":\"Injected fault\",\"error_code\":" + status.ToString(CultureInfo.InvariantCulture) + "}";
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        return true;
    }
}
