using Microsoft.AspNetCore.Mvc.Testing;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace TemplateApps.Tests.Infrastructure;

/// <summary>An app on a real loopback port (Kestrel, port 0), with the Mosaic outbox its sign-ins send to.</summary>
public abstract class AppServer<TEntryPoint> : WebApplicationFactory<TEntryPoint>, IAsyncLifetime
    where TEntryPoint : class
{
    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The SMS the emulator "sent".</summary>
    public abstract MosaicEmulatorOutbox Outbox { get; }

    public virtual Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>The code sent to <paramref name="phoneNumber"/>: awaited on the outbox's signal, never polled.</summary>
    public async Task<string> WaitForCodeAsync(string phoneNumber)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return (await Outbox.WaitForMessageAsync(phoneNumber, timeout.Token)).Code;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // All test traffic comes from 127.0.0.1: the per-IP send limit must not trip.
        builder.UseSetting("Authentication:Schemes:MosaicSmsOtp:Throttling:MaxSendsPerClientIpPerHour", "1000");
        // Two cores shared by many test processes: a cold Mosaic call (token, discovery) may take longer than the 10 s default.
        builder.UseSetting("Authentication:Schemes:MosaicSmsOtp:BackchannelTimeout", "00:01:00");
    }
}

/// <summary>A sample that embeds the emulator itself (no Mosaic credentials configured: embedded mode).</summary>
public abstract class EmbeddedModeServer<TEntryPoint> : AppServer<TEntryPoint>
    where TEntryPoint : class
{
    public override MosaicEmulatorOutbox Outbox => Services.GetRequiredService<MosaicEmulatorOutbox>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mosaic:ClientId", "");
        builder.UseSetting("Mosaic:ClientSecret", "");
    }
}

/// <summary>
/// A template app configured only as the README says, through <c>Authentication:Schemes:MosaicSmsOtp</c>, against an
/// emulator on its own port (plain http on loopback: no https metadata, a flow cookie as secure as the request).
/// </summary>
public abstract class ConfiguredServer<TEntryPoint> : AppServer<TEntryPoint>
    where TEntryPoint : class
{
    private LoopbackMosaicEmulator? _emulator;

    public override MosaicEmulatorOutbox Outbox => _emulator!.Outbox;

    public override async Task InitializeAsync()
    {
        _emulator = await LoopbackMosaicEmulator.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        const string section = "Authentication:Schemes:MosaicSmsOtp:";
        builder.UseSetting(section + "ClientId", MosaicEmulatorDefaults.ClientId);
        builder.UseSetting(section + "ClientSecret", MosaicEmulatorDefaults.ClientSecret);
        builder.UseSetting(section + "BaseUrl", _emulator!.BaseAddress.ToString());
        builder.UseSetting(section + "RequireHttpsMetadata", "false");
        builder.UseSetting(section + "CreateNewUser", "true");
        builder.UseSetting(section + "FlowCookie:SecurePolicy", "SameAsRequest");
    }
}
