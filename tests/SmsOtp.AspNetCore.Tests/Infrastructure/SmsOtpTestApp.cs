using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Testing;

namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>
/// An app with cookie + SMS sign-in on a TestServer at https://app.test, talking to an in-process Mosaic emulator,
/// both on one <see cref="FakeTimeProvider"/>, with every log line collected (and scrubbed for secrets on dispose).
/// </summary>
internal sealed class SmsOtpTestApp : IAsyncDisposable
{
    public const string ClientId = "test-client";
    public const string ClientSecret = "test-client-secret-4f1c";
    public static readonly Uri AppBase = new("https://app.test/");

    private SmsOtpTestApp(MosaicEmulator emulator, WebApplication app, FakeTimeProvider time)
    {
        Emulator = emulator;
        App = app;
        Time = time;
        Logs = app.Services.GetFakeLogCollector();
    }

    public MosaicEmulator Emulator { get; }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public TestServer Server => App.GetTestServer();

    public FakeLogCollector Logs { get; }

    /// <summary>Set to false in a test that checks what it logs itself and expects secrets... which no test should.</summary>
    public bool ScrubLogsOnDispose { get; set; } = true;

    /// <summary>The handler's own log records with the given event id (other components reuse small ids).</summary>
    public IReadOnlyList<FakeLogRecord> HandlerLogs(int eventId)
        => Logs.GetSnapshot().Where(r => r.Id.Id == eventId && r.Category == "SmsOtp.AspNetCore.MosaicSmsOtpHandler").ToList();

    public string ProtectedPath { get; private set; } = "/secure";

    public static async Task<SmsOtpTestApp> StartAsync(
        TestAppStyle style = TestAppStyle.MinimalApi,
        Action<MosaicSmsOtpOptions>? handler = null,
        Action<MosaicEmulatorOptions>? emulator = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? beforeAuthentication = null,
        Action<WebApplicationBuilder>? builder = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        MosaicEmulatorOtpPolicy? tenantPolicy = null;
        var mosaic = new MosaicEmulator(o =>
        {
            tenantPolicy = o.Otp;
            o.TimeProvider = time;
            o.Clients.Add(new MosaicEmulatorClient
            {
                ClientId = ClientId,
                ClientSecret = ClientSecret,
                AllowedRedirectUris = { new Uri(AppBase, MosaicSmsOtpDefaults.CallbackPath).AbsoluteUri },
                PublicSignUp = true,
            });
            emulator?.Invoke(o);
        });

        var appBuilder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        appBuilder.WebHost.UseTestServer(o => o.BaseAddress = AppBase);
        appBuilder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(LogLevel.Trace);
        appBuilder.Services.AddSingleton<TimeProvider>(time);
        // Keys in memory: tests must not read or write the machine's key ring.
        appBuilder.Services.AddDataProtection();
        appBuilder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = new InMemoryKeyRepository());
        appBuilder.Services.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName).ConfigurePrimaryHttpMessageHandler(mosaic.CreateHandler);
        appBuilder.Services
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
                // The handler mirrors the tenant's OTP policy, as an app must (README, "Enumeration"): here the emulator's.
                o.CodePolicy.CodeLifetime = tenantPolicy!.ExpiresIn;
                o.CodePolicy.LockoutThreshold = tenantPolicy.MaxFailures;
                o.CodePolicy.LockoutDuration = tenantPolicy.LockoutDuration;
                handler?.Invoke(o);
            });
        appBuilder.Services.AddAuthorization();
        switch (style)
        {
            case TestAppStyle.Mvc:
                appBuilder.Services.AddControllers().AddApplicationPart(typeof(SecureController).Assembly);
                break;
            case TestAppStyle.RazorPages:
                appBuilder.Services.AddRazorPages().AddApplicationPart(typeof(SecureController).Assembly);
                break;
        }

        services?.Invoke(appBuilder.Services);
        builder?.Invoke(appBuilder);

        var app = appBuilder.Build();
        beforeAuthentication?.Invoke(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => "home");
        app.MapGet("/secure", (ClaimsPrincipal user) => "minimal:" + user.FindFirst(MosaicSmsOtpClaims.PhoneNumber)?.Value).RequireAuthorization();
        app.MapGet("/whoami", (ClaimsPrincipal user) => Results.Json(user.Claims.Select(c => new { c.Type, c.Value })));
        switch (style)
        {
            case TestAppStyle.Mvc:
                app.MapControllers();
                break;
            case TestAppStyle.RazorPages:
                app.MapRazorPages();
                break;
        }

        await app.StartAsync();
        return new SmsOtpTestApp(mosaic, app, time)
        {
            ProtectedPath = style switch
            {
                TestAppStyle.Mvc => "/mvc/secure",
                TestAppStyle.RazorPages => "/razor/secure",
                _ => "/secure",
            },
        };
    }

    /// <summary>A browser that reaches the app at https://app.test and the emulator.</summary>
    public TestBrowser CreateBrowser() => new(AppBase, new Dictionary<string, HttpMessageHandler>
    {
        [AppBase.Authority] = Server.CreateHandler(),
        [Emulator.BaseAddress.Authority] = Emulator.CreateHandler(),
    });

    /// <summary>A browser that reaches the app only through a TLS-terminating proxy at <paramref name="publicBase"/>.</summary>
    public TestBrowser CreateBrowserBehindProxy(Uri publicBase, bool forwardHeaders) => new(publicBase, new Dictionary<string, HttpMessageHandler>
    {
        [publicBase.Authority] = new ReverseProxyHandler(Server.CreateHandler(), new Uri("http://app.test/"), forwardHeaders),
        [Emulator.BaseAddress.Authority] = Emulator.CreateHandler(),
    });

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Emulator.DisposeAsync();
        if (ScrubLogsOnDispose)
        {
            LogScrubber.AssertClean(Logs.GetSnapshot(), [ClientSecret, .. Emulator.Outbox.GetMessages().Select(m => m.Code)]);
        }
    }
}
