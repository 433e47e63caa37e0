using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SmsOtp.AspNetCore.Testing;

namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The Mosaic emulator on its own Kestrel loopback port, as a developer runs it beside an app: a browser follows
/// Mosaic's <c>result</c> URI to it, and several app instances share it, so it needs a real socket. Used by the cluster
/// and the template-app tests.
/// </summary>
public sealed class LoopbackMosaicEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackMosaicEmulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public MosaicEmulatorOutbox Outbox => _app.Services.GetRequiredService<MosaicEmulatorOutbox>();

    public MosaicEmulatorCounters Counters => _app.Services.GetRequiredService<MosaicEmulatorCounters>();

    public static async Task<LoopbackMosaicEmulator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMosaicEmulator();
        var app = builder.Build();
        app.MapMosaicEmulator();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackMosaicEmulator(app, new Uri(address + "/"));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
