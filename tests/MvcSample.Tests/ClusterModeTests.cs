using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using MvcSample.Tests.Infrastructure;
using SmsOtp.AspNetCore;
using SmsOtp.AspNetCore.Throttling;

namespace MvcSample.Tests;

public sealed class ClusterModeTests(ClusterModeSampleFactory factory) : IClassFixture<ClusterModeSampleFactory>
{
    [Fact]
    public void With_ConnectionStrings_Redis_the_sample_keeps_throttles_and_its_key_ring_in_Redis()
    {
        Assert.Equal("RedisSmsOtpThrottleStore", factory.Services.GetRequiredService<ISmsOtpThrottleStore>().GetType().Name);
        Assert.Equal("RedisXmlRepository", factory.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository?.GetType().Name);
    }

    [Fact]
    public void A_standalone_emulator_on_loopback_is_reached_over_plain_http()
    {
        var options = factory.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme);

        Assert.Equal(new Uri(ClusterModeSampleFactory.BaseUrl), options.BaseUrl);
        Assert.False(options.RequireHttpsMetadata);
        Assert.Equal(CookieSecurePolicy.SameAsRequest, options.FlowCookie.SecurePolicy);
    }

    [Fact]
    public void Without_ConnectionStrings_Redis_the_sample_stays_on_its_own_memory()
    {
        using var alone = new RealModeSampleFactory();

        Assert.Equal("MemorySmsOtpThrottleStore", alone.Services.GetRequiredService<ISmsOtpThrottleStore>().GetType().Name);
    }
}
