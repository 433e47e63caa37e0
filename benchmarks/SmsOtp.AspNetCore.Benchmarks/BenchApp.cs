using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOtp.AspNetCore.Testing;

namespace SmsOtp.AspNetCore.Benchmarks;

/// <summary>
/// An app with cookie + SMS sign-in on a TestServer at https://app.test, talking to an in-process Mosaic emulator.
/// No logging providers (the cost measured is the handler's, not a console's), keys in memory, and throttling limits
/// raised so that thousands of sign-ins per second are never refused.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    public const string ClientId = "bench-client";
    public const string ClientSecret = "bench-client-secret-7d2e";
    public static readonly Uri AppBase = new("https://app.test/");
    public static readonly Uri CallbackUri = new("https://app.test/signin-sms/callback");

    private BenchApp(MosaicEmulator emulator, WebApplication app)
    {
        Emulator = emulator;
        App = app;
    }

    public MosaicEmulator Emulator { get; }

    public WebApplication App { get; }

    public TestServer Server => App.GetTestServer();

    public static async Task<BenchApp> StartAsync()
    {
        var mosaic = new MosaicEmulator(o => o.Clients.Add(new MosaicEmulatorClient
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            AllowedRedirectUris = { CallbackUri.AbsoluteUri },
        }));

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer(o => o.BaseAddress = AppBase);
        builder.Logging.ClearProviders();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName).ConfigurePrimaryHttpMessageHandler(mosaic.CreateHandler);
        builder.Services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = MosaicSmsOtpDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddMosaicSmsOtp(o =>
            {
                o.ClientId = ClientId;
                o.ClientSecret = ClientSecret;
                o.BaseUrl = mosaic.BaseAddress;
                o.CreateNewUser = true;
                o.Throttling.ResendCooldown = TimeSpan.Zero;
                o.Throttling.MaxSendsPerHour = int.MaxValue;
                o.Throttling.MaxSendsPerClientIpPerHour = int.MaxValue;
                o.Throttling.MaxSendsPerNumberPerHour = int.MaxValue;
                o.Throttling.MaxAttemptsPerFlow = int.MaxValue;
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => "home");
        app.MapGet("/secure", (ClaimsPrincipal user) => "signed in as " + user.FindFirst(MosaicSmsOtpClaims.PhoneNumber)?.Value).RequireAuthorization();
        await app.StartAsync().ConfigureAwait(false);
        return new BenchApp(mosaic, app);
    }

    /// <summary>A browser that reaches the app and the emulator, with an empty cookie jar.</summary>
    public BenchBrowser CreateBrowser(HttpMessageInvoker app, HttpMessageInvoker mosaic) => new(new Dictionary<string, HttpMessageInvoker>(StringComparer.OrdinalIgnoreCase)
    {
        [AppBase.Authority] = app,
        [Emulator.BaseAddress.Authority] = mosaic,
    });

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync().ConfigureAwait(false);
        await Emulator.DisposeAsync().ConfigureAwait(false);
    }
}
