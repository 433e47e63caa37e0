using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOtp.AspNetCore.Testing;

namespace SmsOtp.AspNetCore.Benchmarks.Load;

/// <summary>
/// The Mosaic emulator served the way <see cref="MosaicEmulator"/> serves it (TestServer, no logging), with one
/// middleware in front: it puts each request's work in the emulator's <see cref="CpuZone"/> and counts the requests.
/// Both apps talk to this one instance.
/// </summary>
internal sealed class LoadEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;

    private LoadEmulator(WebApplication app, CpuZone zone)
    {
        _app = app;
        Zone = zone;
        Server = (TestServer)app.Services.GetRequiredService<IServer>();
        Outbox = app.Services.GetRequiredService<MosaicEmulatorOutbox>();
    }

    public static Uri BaseAddress { get; } = new(MosaicEmulatorDefaults.BaseAddress);

    public CpuZone Zone { get; }

    public TestServer Server { get; }

    public MosaicEmulatorOutbox Outbox { get; }

    /// <summary>Every request the emulator received, from browsers and from the apps' back channels.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<LoadEmulator> StartAsync(params MosaicEmulatorClient[] clients)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(MosaicEmulator).Assembly.GetName().Name });
        builder.WebHost.UseTestServer(o => o.BaseAddress = BaseAddress);
        builder.Services.AddLogging(logging => logging.ClearProviders());
        builder.Services.AddMosaicEmulator(o =>
        {
            foreach (var client in clients)
            {
                o.Clients.Add(client);
            }
        });

        var app = builder.Build();
        var emulator = new LoadEmulator(app, new CpuZone("emulator"));
        app.Use((context, next) =>
        {
            emulator.Zone.Enter();
            Interlocked.Increment(ref emulator._requests);
            return next(context);
        });
        app.UseRouting();
        app.MapMosaicEmulator();
        await app.StartAsync().ConfigureAwait(false);
        return emulator;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
