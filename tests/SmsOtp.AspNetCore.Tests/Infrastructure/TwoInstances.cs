using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Two app instances behind one "load balancer" at https://app.test: they share one data-protection key ring and one
/// Mosaic (the first instance's emulator), run on the first instance's clock, and count in one throttle store: the
/// first instance's in-memory store by default, or each its own connection to a shared one (<c>throttleStore</c>).
/// The Security and Redis suites both use it.
/// </summary>
internal sealed class TwoInstances : IAsyncDisposable
{
    private TwoInstances(SmsOtpTestApp first, SmsOtpTestApp second)
    {
        First = first;
        Second = second;
    }

    public SmsOtpTestApp First { get; }

    public SmsOtpTestApp Second { get; }

    /// <summary>The first instance's throttle store (with the default, the one both count in).</summary>
    public ISmsOtpThrottleStore Store => First.App.Services.GetRequiredService<ISmsOtpThrottleStore>();

    /// <param name="handler">Configures both instances' handler options.</param>
    /// <param name="emulator">Configures the emulator.</param>
    /// <param name="throttleStore">
    /// Registers a throttle store in each instance (for example a Redis store, each instance with its own connection);
    /// <see langword="null"/> for the second instance to use the first one's store object.
    /// </param>
    /// <param name="beforeAuthentication">Middleware for both instances, ahead of authentication (e.g. <see cref="SecurityTestKit.UseTestPeerAddress"/>).</param>
    public static async Task<TwoInstances> StartAsync(Action<MosaicSmsOtpOptions>? handler = null, Action<MosaicEmulatorOptions>? emulator = null, Action<IServiceCollection>? throttleStore = null, Action<WebApplication>? beforeAuthentication = null)
    {
        var keyRing = new InMemoryKeyRepository();
        void Shared(IServiceCollection services)
        {
            services.AddDataProtection().SetApplicationName("smsotp-two-instances");
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = keyRing);
            throttleStore?.Invoke(services);
        }

        var first = await SmsOtpTestApp.StartAsync(handler: handler, emulator: emulator, services: Shared, beforeAuthentication: beforeAuthentication);
        var firstStore = first.App.Services.GetRequiredService<ISmsOtpThrottleStore>();
        var second = await SmsOtpTestApp.StartAsync(handler: handler, emulator: emulator, beforeAuthentication: beforeAuthentication, services: services =>
        {
            Shared(services);
            if (throttleStore is null)
            {
                services.AddSingleton(firstStore);
            }

            services.AddSingleton<TimeProvider>(first.Time);
            services.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName).ConfigurePrimaryHttpMessageHandler(first.Emulator.CreateHandler);
        });
        return new TwoInstances(first, second);
    }

    /// <summary>A browser whose requests to app.test go to the instance <paramref name="pick"/> names (0 or 1).</summary>
    public TestBrowser CreateBrowser(Func<int> pick) => new(SmsOtpTestApp.AppBase, new Dictionary<string, HttpMessageHandler>
    {
        [SmsOtpTestApp.AppBase.Authority] = new Balancer(pick, First.Server.CreateHandler(), Second.Server.CreateHandler()),
        [First.Emulator.BaseAddress.Authority] = First.Emulator.CreateHandler(),
    });

    /// <summary>As <see cref="CreateBrowser"/>, with every request to the app from <paramref name="peer"/> (instances started with <see cref="SecurityTestKit.UseTestPeerAddress"/>).</summary>
    public TestBrowser CreateBrowserFrom(string peer, Func<int> pick) => new(SmsOtpTestApp.AppBase, new Dictionary<string, HttpMessageHandler>
    {
        [SmsOtpTestApp.AppBase.Authority] = new SecurityTestKit.PeerHeader(peer, new Balancer(pick, First.Server.CreateHandler(), Second.Server.CreateHandler())),
        [First.Emulator.BaseAddress.Authority] = First.Emulator.CreateHandler(),
    });

    public async ValueTask DisposeAsync()
    {
        // The second instance's own emulator sent nothing: scrub its logs against the codes the shared one sent.
        Second.ScrubLogsOnDispose = false;
        await Second.DisposeAsync();
        LogScrubber.AssertClean(Second.Logs.GetSnapshot(), [SmsOtpTestApp.ClientSecret, .. First.Emulator.Outbox.GetMessages().Select(m => m.Code)]);
        await First.DisposeAsync();
    }

    private sealed class Balancer(Func<int> pick, HttpMessageHandler first, HttpMessageHandler second) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker[] _instances = [new(first), new(second)];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => _instances[pick()].SendAsync(request, cancellationToken);
    }
}
