using Microsoft.AspNetCore.Builder;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.TestHost;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Benchmarks.Load;

/// <summary>
/// One of the two apps under load, with what the harness observes of it: its pipeline's <see cref="CpuZone"/>, its
/// Data Protection operations, and what its browsers sent where. Every sign-in uses a new browser (empty cookie jar).
/// </summary>
internal sealed class SignInTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _appInvoker;
    private readonly HttpMessageInvoker _mosaicInvoker;
    private readonly Dictionary<string, HttpMessageInvoker> _hosts;
    private readonly string _appAuthority;
    private readonly Func<BenchBrowser, string, Task<string>> _signIn;
    private readonly StrongBox<long> _throttleStoreCalls;
    private long _browserRequests;
    private long _browserMosaicRequests;

    private SignInTarget(string name, WebApplication app, Uri appBase, LoadEmulator emulator, CpuZone zone, DataProtectionCounter dataProtection, StrongBox<long> throttleStoreCalls, Func<BenchBrowser, string, Task<string>> signIn)
    {
        _throttleStoreCalls = throttleStoreCalls;
        Name = name;
        _app = app;
        Zone = zone;
        DataProtection = dataProtection;
        _signIn = signIn;
        _appAuthority = appBase.Authority;
        _appInvoker = new HttpMessageInvoker(app.GetTestServer().CreateHandler());
        _mosaicInvoker = new HttpMessageInvoker(emulator.Server.CreateHandler());
        _hosts = new(StringComparer.OrdinalIgnoreCase)
        {
            [_appAuthority] = _appInvoker,
            [LoadEmulator.BaseAddress.Authority] = _mosaicInvoker,
        };
    }

    public string Name { get; }

    public CpuZone Zone { get; }

    public DataProtectionCounter DataProtection { get; }

    /// <summary>Calls to the app's <see cref="ISmsOtpThrottleStore"/> (none for Microsoft's, which has no throttle).</summary>
    public long ThrottleStoreCalls => Interlocked.Read(ref _throttleStoreCalls.Value);

    public long BrowserRequests => Interlocked.Read(ref _browserRequests);

    public long BrowserMosaicRequests => Interlocked.Read(ref _browserMosaicRequests);

    public static Task<SignInTarget> StartOursAsync(LoadEmulator emulator) => StartAsync(
        "ours", BenchApp.AppBase, emulator, BenchApp.StartAppAsync,
        (browser, phone) => WholeSignIns.OursAsync(browser, phone, p => emulator.Outbox.GetLatest(p)?.Code));

    public static Task<SignInTarget> StartMicrosoftAsync(LoadEmulator emulator) => StartAsync(
        "Microsoft's", OpenIdConnectBenchApp.AppBase, emulator, OpenIdConnectBenchApp.StartAppAsync,
        (browser, phone) => WholeSignIns.OpenIdConnectAsync(browser, phone, p => emulator.Outbox.GetLatest(p)?.Code));

    public async Task SignInAsync(string phone, Action<string, long, TimeSpan>? costPerRequest = null)
    {
        var browser = new BenchBrowser(_hosts) { CostPerRequest = costPerRequest };
        await _signIn(browser, phone).ConfigureAwait(false);
        Interlocked.Add(ref _browserRequests, browser.Requests);
        Interlocked.Add(ref _browserMosaicRequests, browser.RequestsElsewhereThan(_appAuthority));
    }

    public async ValueTask DisposeAsync()
    {
        _appInvoker.Dispose();
        _mosaicInvoker.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<SignInTarget> StartAsync(
        string name,
        Uri appBase,
        LoadEmulator emulator,
        Func<Uri, Func<HttpMessageHandler>, BenchHost.Hooks?, Task<WebApplication>> start,
        Func<BenchBrowser, string, Task<string>> signIn)
    {
        var zone = new CpuZone(name);
        var dataProtection = new DataProtectionCounter();
        var throttleStoreCalls = new StrongBox<long>();
        var hooks = new BenchHost.Hooks(
            Services: services =>
            {
                dataProtection.Decorate(services);
                CallCountingProxy<ISmsOtpThrottleStore>.Decorate(services, throttleStoreCalls);
            },
            FirstMiddleware: (context, next) =>
            {
                zone.Enter();
                return next(context);
            });
        var app = await start(LoadEmulator.BaseAddress, emulator.Server.CreateHandler, hooks).ConfigureAwait(false);
        return new SignInTarget(name, app, appBase, emulator, zone, dataProtection, throttleStoreCalls, signIn);
    }
}
