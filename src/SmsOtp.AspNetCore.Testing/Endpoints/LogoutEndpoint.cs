using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmsOtp.AspNetCore.Testing.Faults;
using SmsOtp.AspNetCore.Testing.Hosting;

namespace SmsOtp.AspNetCore.Testing.Endpoints;

/// <summary>
/// <c>POST /cis/v1/auth/logout</c> with the user's access token: ends every SSO session of that user and answers
/// <c>{"sessions_count": n}</c>, the number ended (mosaic-api.md §1).
/// </summary>
internal static class LogoutEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        if (await FaultInjector.ApplyAsync(runtime, MosaicEmulatorEndpoint.Logout, context).ConfigureAwait(false))
        {
            return;
        }

        var token = await runtime.Tokens.ValidateAccessTokenAsync(EmulatorResponses.GetBearerToken(context.Request)).ConfigureAwait(false);
        if (token is not { IsClientToken: false })
        {
            await EmulatorResponses.InvalidToken().ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var ended = runtime.Sessions.RemoveWhere(session => string.Equals(session.UserId, token.Subject, StringComparison.Ordinal));
        await EmulatorResponses.Json(new Dictionary<string, object> { ["sessions_count"] = ended }).ExecuteAsync(context).ConfigureAwait(false);
    }
}
