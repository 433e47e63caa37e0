using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging.Testing;
using MvcSample.DevSms;

namespace MvcSample.Tests.Infrastructure;

/// <summary>
/// The sample in embedded mode (no Mosaic credentials), with a fixed SMS outbox, a header-driven test sign-in,
/// and its logs collected. The Mosaic settings are set explicitly so the machine's environment cannot flip the mode.
/// </summary>
public class SampleFactory : WebApplicationFactory<Program>
{
    protected virtual string ClientId => "";

    protected virtual string ClientSecret => "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting(MosaicMode.ClientIdKey, ClientId);
        builder.UseSetting(MosaicMode.ClientSecretKey, ClientSecret);
        builder.ConfigureLogging(logging => logging.AddFakeLogging());
        builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestSignIn>(TestSignIn.SchemeName, _ => { });
            // Authenticate every request with the test scheme; the cookie scheme stays the one that challenges and signs out.
            services.PostConfigure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = TestSignIn.SchemeName);
            if (services.Any(d => d.ServiceType == typeof(IDevSmsSource)))
            {
                services.AddSingleton<IDevSmsSource, StubDevSmsSource>();
            }
        });
    }

    public FakeLogCollector Logs => Services.GetFakeLogCollector();
}
