using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SmsOtp.AspNetCore.Testing;

namespace SmsOtp.AspNetCore.Cluster.Tests;

/// <summary>The Mosaic emulator as a standalone server on a Kestrel loopback port, shared by every instance.</summary>
internal sealed class StandaloneEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandaloneEmulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public MosaicEmulatorOutbox Outbox => _app.Services.GetRequiredService<MosaicEmulatorOutbox>();

    public MosaicEmulatorCounters Counters => _app.Services.GetRequiredService<MosaicEmulatorCounters>();

    public static async Task<StandaloneEmulator> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMosaicEmulator();
        var app = builder.Build();
        app.MapMosaicEmulator();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new StandaloneEmulator(app, new Uri(address + "/"));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
