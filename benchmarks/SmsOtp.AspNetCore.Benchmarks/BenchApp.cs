using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Benchmarks;

/// <summary>
/// An app with cookie + SMS sign-in on a TestServer at https://app.test, talking to an in-process Mosaic emulator.
/// Throttling limits are raised so that thousands of sign-ins per second are never refused.
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
        var mosaic = new MosaicEmulator(o => o.Clients.Add(CreateEmulatorClient()));
        var app = await StartAppAsync(mosaic.BaseAddress, mosaic.CreateHandler, hooks: null).ConfigureAwait(false);
        return new BenchApp(mosaic, app);
    }

    /// <summary>This app's registration in the emulator.</summary>
    internal static MosaicEmulatorClient CreateEmulatorClient() => new()
    {
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        AllowedRedirectUris = { CallbackUri.AbsoluteUri },
    };

    /// <summary>The app alone, against whichever emulator <paramref name="mosaicHandler"/> reaches.</summary>
    internal static Task<WebApplication> StartAppAsync(Uri mosaicBase, Func<HttpMessageHandler> mosaicHandler, BenchHost.Hooks? hooks) => BenchHost.StartAsync(AppBase, builder =>
    {
        builder.Services.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName).ConfigurePrimaryHttpMessageHandler(mosaicHandler);
        // The in-memory store at its largest: sized from these limits it would be full after a few thousand sign-ins
        // (their records live an hour of real time), and the load harness runs tens of thousands.
        builder.Services.AddSingleton<ISmsOtpThrottleStore>(_ => new MemorySmsOtpThrottleStore(TimeProvider.System, MemorySmsOtpThrottleStore.MaximumCapacity));
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
                o.BaseUrl = mosaicBase;
                o.CreateNewUser = true;
                o.Throttling.ResendCooldown = TimeSpan.Zero;
                o.Throttling.MaxSendsPerHour = int.MaxValue;
                o.Throttling.MaxSendsPerClientIpPerHour = int.MaxValue;
                o.Throttling.MaxSendsPerNumberPerHour = int.MaxValue;
                o.Throttling.MaxAttemptsPerFlow = int.MaxValue;
            });
    }, hooks);

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
