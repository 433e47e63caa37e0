using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging.Testing;
using SmsOtp.AspNetCore;
using SmsOtp.AspNetCore.Testing;

namespace MvcSample.Tests.Infrastructure;

/// <summary>
/// The sample in embedded mode (no Mosaic credentials) on a TestServer, with its logs collected. The Mosaic settings
/// are set explicitly so the machine's environment cannot flip the mode.
/// </summary>
/// <remarks>
/// A TestServer has no socket, so the sample cannot find its own address: the handler is told the emulator is at
/// <see cref="EmulatorBaseUrl"/> and its backchannel goes into this same server. The emulator then builds its
/// <c>result</c> URIs on <c>http://localhost</c> too, which the test client follows into the same server.
/// </remarks>
public class SampleFactory : WebApplicationFactory<Program>
{
    public const string EmulatorBaseUrl = "http://localhost/mosaic";

    protected virtual string ClientId => "";

    protected virtual string ClientSecret => "";

    /// <summary>The SMS the embedded emulator "sent".</summary>
    public MosaicEmulatorOutbox Outbox => Services.GetRequiredService<MosaicEmulatorOutbox>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting(MosaicMode.ClientIdKey, ClientId);
        builder.UseSetting(MosaicMode.ClientSecretKey, ClientSecret);
        builder.UseSetting(MosaicMode.EmulatorBaseUrlKey, EmulatorBaseUrl);
        // Every test request comes from the same (absent) client IP; the tests' sends must not trip the per-IP limit.
        builder.UseSetting(ThrottlingSetting.MaxSendsPerClientIpPerHourKey, ThrottlingSetting.ForTests);
        builder.ConfigureLogging(logging => logging.AddFakeLogging());
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName)
                .ConfigurePrimaryHttpMessageHandler(provider =>
                    new TestServerBackchannel(() => ((TestServer)provider.GetRequiredService<IServer>()).CreateHandler())));
    }

    /// <summary>A visitor with its own cookies, who sees every redirect.</summary>
    public Visitor CreateVisitor() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
}
