extern alias BlazorSample;

using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Throttling;

namespace TemplateApps.Tests;

/// <summary>The Blazor sample with a tenant configured the README's way: no emulator, no <c>/dev/sms</c>, the tenant's settings.</summary>
public sealed class BlazorSampleRealModeTests : IClassFixture<BlazorSampleRealModeTests.RealModeFactory>
{
    private readonly RealModeFactory _factory;

    public BlazorSampleRealModeTests(RealModeFactory factory) => _factory = factory;

    [Fact]
    public async Task With_a_tenant_configured_there_is_no_emulator_and_no_dev_sms_page()
    {
        using var http = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var devSms = await http.GetAsync(new Uri("/dev/sms", UriKind.Relative));
        var emulator = await http.GetAsync(new Uri("/mosaic/cis/oidc/.well-known/openid-configuration", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, devSms.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, emulator.StatusCode);
        Assert.Null(_factory.Services.GetService<MosaicEmulatorOutbox>());
        var options = _factory.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme);
        Assert.Equal("tenant-client", options.ClientId);
        Assert.Equal(MosaicRegion.EU, options.Region);
        Assert.True(options.RequireHttpsMetadata);
    }

    [Fact]
    public void With_ConnectionStrings_Redis_and_a_loopback_emulator_the_sample_joins_the_cluster()
    {
        using var cluster = new ClusterModeFactory();

        Assert.Equal("RedisSmsOtpThrottleStore", cluster.Services.GetRequiredService<ISmsOtpThrottleStore>().GetType().Name);
        Assert.Equal("RedisXmlRepository", cluster.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository?.GetType().Name);
        var options = cluster.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme);
        Assert.Equal(new Uri(ClusterModeFactory.BaseUrl), options.BaseUrl);
        Assert.False(options.RequireHttpsMetadata);
        Assert.Equal(CookieSecurePolicy.SameAsRequest, options.FlowCookie.SecurePolicy);
    }

    [Fact]
    public void Without_ConnectionStrings_Redis_the_sample_keeps_its_throttles_in_memory()
    {
        Assert.Equal("MemorySmsOtpThrottleStore", _factory.Services.GetRequiredService<ISmsOtpThrottleStore>().GetType().Name);
    }

    /// <summary>One instance of a cluster: Redis and a standalone emulator on loopback; nothing listens there (configuration only).</summary>
    public sealed class ClusterModeFactory : WebApplicationFactory<BlazorSample::Program>
    {
        public const string BaseUrl = "http://127.0.0.1:9/";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            const string section = "Authentication:Schemes:MosaicSmsOtp:";
            builder.UseSetting(section + "ClientId", "tenant-client");
            builder.UseSetting(section + "ClientSecret", "tenant-secret");
            builder.UseSetting(section + "BaseUrl", BaseUrl);
            builder.UseSetting("ConnectionStrings:Redis", "127.0.0.1:9,connectTimeout=200,abortConnect=false");
        }
    }

    public sealed class RealModeFactory : WebApplicationFactory<BlazorSample::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            const string section = "Authentication:Schemes:MosaicSmsOtp:";
            builder.UseSetting(section + "ClientId", "tenant-client");
            builder.UseSetting(section + "ClientSecret", "tenant-secret");
            builder.UseSetting(section + "Region", "EU");
        }
    }
}
