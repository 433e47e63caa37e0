namespace MvcSample.Tests.Infrastructure;

/// <summary>The sample with Mosaic credentials configured: real mode, no emulator, no <c>/dev/sms</c>. Nothing calls Mosaic.</summary>
public sealed class RealModeSampleFactory : SampleFactory
{
    public const string Region = "EU";
    public const string BaseUrl = "https://auth.example.com/";

    protected override string ClientId => "test-client-id";

    protected override string ClientSecret => "test-client-secret";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(MosaicMode.RegionKey, Region);
        builder.UseSetting(MosaicMode.BaseUrlKey, BaseUrl);
    }
}
