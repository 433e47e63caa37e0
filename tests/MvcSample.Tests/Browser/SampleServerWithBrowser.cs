using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using MvcSample.Tests.Infrastructure;
using SmsOtp.AspNetCore.Testing;

namespace MvcSample.Tests.Browser;

/// <summary>
/// One sample server on a real loopback port and one headless Chromium, shared by a browser test class.
/// Drives Debian's Chromium (<see cref="ChromiumPath"/>): Playwright's own browser download is not available here,
/// and nothing else is needed: the Playwright package ships its driver (node) in the build output.
/// </summary>
public class SampleServerWithBrowser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private WebApplicationFactory<Program> _factory = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the sample listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The SMS the sample's embedded emulator "sent".</summary>
    public MosaicEmulatorOutbox Outbox => _factory.Services.GetRequiredService<MosaicEmulatorOutbox>();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public async Task InitializeAsync()
    {
        _factory = new SampleWithoutCredentialsFactory(ConfigureSample);

        // Port 0: the OS picks a free port; the factory binds http://127.0.0.1 only.
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {ChromiumPath} (apt-get install chromium).");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // No sandbox: tests run as root in a container. The rest keeps Chromium off the network and quiet.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>What a fixture for a variant of the sample changes in it (nothing for the sample itself).</summary>
    protected virtual void ConfigureSample(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
    }

    /// <summary>A fresh page in its own context (own cookies), so tests in a class stay independent.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }

    /// <summary>The SMS sent to <paramref name="phoneNumber"/>: awaited on the outbox's signal, never polled.</summary>
    public async Task<MosaicEmulatorSms> WaitForSmsAsync(string phoneNumber)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Outbox.WaitForMessageAsync(phoneNumber, timeout.Token);
    }

    /// <summary>The unmodified sample in embedded mode, whatever the machine's environment says.</summary>
    private sealed class SampleWithoutCredentialsFactory(Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder> configure) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting(MosaicMode.ClientIdKey, "");
            builder.UseSetting(MosaicMode.ClientSecretKey, "");
            // Every browser test sends from 127.0.0.1; they must not trip the handler's per-IP send limit.
            builder.UseSetting(ThrottlingSetting.MaxSendsPerClientIpPerHourKey, ThrottlingSetting.ForTests);
            configure(builder);
        }
    }
}
