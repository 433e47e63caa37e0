using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmsOtp.AspNetCore.Benchmarks;

/// <summary>
/// What every benchmarked app shares, whichever handler signs people in: a TestServer at its base address, no logging
/// providers (the cost measured is the handler's, not a console's), data protection keys in memory, authentication and
/// authorization, and <c>GET /</c> (plain) and <c>GET /secure</c> (signed-in only).
/// </summary>
internal static class BenchHost
{
    /// <summary>Hooks a harness uses to observe an app: its services (after the app's own) and its first middleware.</summary>
    internal sealed record Hooks(Action<IServiceCollection>? Services = null, Func<HttpContext, RequestDelegate, Task>? FirstMiddleware = null);

    public static async Task<WebApplication> StartAsync(Uri baseAddress, Action<WebApplicationBuilder> configure, Hooks? hooks)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer(o => o.BaseAddress = baseAddress);
        builder.Logging.ClearProviders();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        configure(builder);
        builder.Services.AddAuthorization();
        hooks?.Services?.Invoke(builder.Services);

        var app = builder.Build();
        if (hooks?.FirstMiddleware is { } first)
        {
            app.Use(first);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => "home");
        app.MapGet("/secure", (ClaimsPrincipal user) => "signed in as " + (user.FindFirst(MosaicSmsOtpClaims.PhoneNumber) ?? user.FindFirst("phone_number"))?.Value).RequireAuthorization();
        await app.StartAsync().ConfigureAwait(false);
        return app;
    }
}
