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

    public static void Branding(WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie()
            #region readme-branding
            .AddMosaicSmsOtp(options =>
            {
                options.Pages.DisplayName = "Contoso";                     // header and <title>: "Enter your code · Contoso"
                options.Pages.LogoUrl = "/img/logo.svg";                   // app path or absolute https URL (CSP img-src follows)
                options.Pages.HomeUrl = "/";                               // "Back to Contoso" link in the header
                options.Pages.StylesheetUrl = "/css/sign-in.css";          // loaded after the built-in styles (CSP style-src follows)
                options.Pages.CssVariables["--smsotp-accent"] = "#6d28d9"; // checked at start-up: no ; { } < > or quotes
                options.Pages.ColorScheme = MosaicSmsOtpColorScheme.Auto;  // default: light or dark as the system (prefers-color-scheme)
                options.Pages.Layout = typeof(SignInLayout);               // optional: your component around every page
            });
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
