using Microsoft.AspNetCore.TestHost;
using MvcSample.DevSms;

namespace MvcSample.Tests.Infrastructure;

/// <summary>The embedded-mode sample whose <c>/dev/sms</c> reads a fixed outbox, for tests about that page's rendering.</summary>
public sealed class StubOutboxSampleFactory : SampleFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IDevSmsSource, StubDevSmsSource>());
    }
}
