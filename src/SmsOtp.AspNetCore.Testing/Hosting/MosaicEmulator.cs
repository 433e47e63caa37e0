using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// The Mosaic emulator in process, on an ASP.NET Core <see cref="TestServer"/>: nothing listens on a socket.
/// </summary>
/// <example>
/// <code>
/// await using var mosaic = new MosaicEmulator();
/// using var http = mosaic.CreateClient();
/// var sms = await mosaic.Outbox.WaitForMessageAsync("+16175551212", cancellationToken);
/// </code>
/// </example>
public sealed class MosaicEmulator : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;
    private readonly TestServer _server;

    /// <summary>Starts an emulator at <see cref="MosaicEmulatorDefaults.BaseAddress"/>.</summary>
    /// <param name="configure">Configures the emulator.</param>
    public MosaicEmulator(Action<MosaicEmulatorOptions>? configure = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(MosaicEmulator).Assembly.GetName().Name });
        builder.WebHost.UseTestServer(options => options.BaseAddress = new Uri(MosaicEmulatorDefaults.BaseAddress));
        builder.Services.AddLogging(logging => logging.ClearProviders());
        builder.Services.AddMosaicEmulator(configure);
        _app = builder.Build();
        _app.UseRouting();
        _app.MapMosaicEmulator();

        // TestServer starts synchronously: there is no socket to bind, so this does not block on I/O.
        _app.StartAsync().GetAwaiter().GetResult();
        _server = (TestServer)_app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
        Options = _app.Services.GetRequiredService<IOptions<MosaicEmulatorOptions>>().Value;
        Outbox = _app.Services.GetRequiredService<MosaicEmulatorOutbox>();
        Faults = _app.Services.GetRequiredService<MosaicEmulatorFaults>();
        Counters = _app.Services.GetRequiredService<MosaicEmulatorCounters>();
        Keys = _app.Services.GetRequiredService<MosaicEmulatorKeys>();
    }

    /// <summary>The emulator's base address, <see cref="MosaicEmulatorDefaults.BaseAddress"/>.</summary>
    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>The SMS messages sent.</summary>
    public MosaicEmulatorOutbox Outbox { get; }

    /// <summary>The injected faults.</summary>
    public MosaicEmulatorFaults Faults { get; }

    /// <summary>The request counts per endpoint.</summary>
    public MosaicEmulatorCounters Counters { get; }

    /// <summary>The signing keys.</summary>
    public MosaicEmulatorKeys Keys { get; }

    /// <summary>The options the emulator runs with.</summary>
    public MosaicEmulatorOptions Options { get; }

    /// <summary>The client apps use when pointed at this emulator by <c>UseMosaicEmulator</c>: the first configured, or the default one.</summary>
    public MosaicEmulatorClient Client => Options.Clients.Count > 0 ? Options.Clients[0] : DefaultClient;

    /// <summary>What apps pointed at this emulator signed in, per <see cref="MosaicTestBrowser"/>.</summary>
    internal SignIn.SignInRecorder SignIns { get; } = new();

    private MosaicEmulatorClient DefaultClient { get; } = new();

    /// <summary>A handler that sends requests into the emulator, e.g. an <c>HttpClientFactory</c> primary handler or an OIDC <c>BackchannelHttpHandler</c>.</summary>
    /// <returns>A new handler.</returns>
    public HttpMessageHandler CreateHandler() => _server.CreateHandler();

    /// <summary>An <see cref="HttpClient"/> whose base address is <see cref="BaseAddress"/>.</summary>
    /// <returns>A new client.</returns>
    public HttpClient CreateClient() => _server.CreateClient();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public void Dispose() => ((IDisposable)_app).Dispose();
}
