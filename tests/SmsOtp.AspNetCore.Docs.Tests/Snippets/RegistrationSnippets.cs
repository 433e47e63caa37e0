using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SmsOtp.AspNetCore.Docs.Tests.Snippets;

/// <summary>The registrations the docs show, each a method the tests build an app with.</summary>
internal static class RegistrationSnippets
{
    public static void FromConfiguration(WebApplicationBuilder builder)
    {
        #region readme-configuration
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie().AddMosaicSmsOtp();   // everything from configuration
        #endregion
    }

    public static void Proxy(WebApplicationBuilder builder)
    {
        #region readme-backchannel
        builder.Services.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { Proxy = new WebProxy("http://proxy.internal:8080") });
        #endregion
    }

    public static void Redis(WebApplicationBuilder builder)
    {
        #region redis-registration
        builder.AddMosaicSmsOtpRedis();   // ConnectionStrings:Redis, or the IConnectionMultiplexer already registered
        #endregion
    }

    public static void Blazor(WebApplicationBuilder builder)
    {
        #region blazor-registration
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = MosaicSmsOtpDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddMosaicSmsOtp(); // ClientId, ClientSecret, Region from Authentication:Schemes:MosaicSmsOtp
        builder.Services.AddAuthorization();
        #endregion
    }

    /// <summary>docs/blazor.md and README's Blazor section: no tenant yet, the emulator inside the app (Development only).</summary>
    public static WebApplication EmbeddedEmulator(WebApplicationBuilder builder)
    {
        #region embedded-emulator
        builder.AddMosaicEmulatorWhenNoTenant();   // Development and no tenant configured: the Mosaic emulator runs in this app
        var app = builder.Build();
        app.MapMosaicEmulatorWhenNoTenant();       // the emulator at /mosaic, the codes it "sends" at /dev/sms
        #endregion
        return app;
    }

    /// <summary>The health-check lines of docs/diagnostics.md: services on <paramref name="builder"/>, the endpoint on <paramref name="app"/>.</summary>
    public static void HealthCheck(WebApplicationBuilder builder, WebApplication app)
    {
        #region diagnostics-health-check
        builder.Services.AddHealthChecks().AddMosaicSmsOtp();            // scheme "MosaicSmsOtp", check "mosaic-sms-otp"
        app.MapHealthChecks("/healthz");
        #endregion
    }
}
