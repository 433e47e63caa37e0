using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SmsOtp.AspNetCore.Responses;

/// <summary>Answers JSON clients with RFC 9457 problem details instead of a page.</summary>
internal static class SmsOtpProblemWriter
{
    public static Task WriteAsync(HttpContext context, int statusCode, string message, string errorCode)
    {
        var problem = new ProblemDetails
        {
            Status = statusCode,
            Title = message,
            Type = "https://httpstatuses.io/" + statusCode,
            Extensions = { ["error"] = errorCode },
        };
        context.Response.Headers.CacheControl = "no-store";
        return Results.Problem(problem).ExecuteAsync(context);
    }
}
