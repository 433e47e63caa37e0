namespace MvcSample.Tests.Infrastructure;

/// <summary>
/// The sample as one instance of a cluster: a shared Redis (<c>ConnectionStrings:Redis</c>) and a standalone emulator on
/// loopback (<c>Mosaic:BaseUrl</c>). Nothing listens at either address: the tests read the configuration only.
/// </summary>
public sealed class ClusterModeSampleFactory : SampleFactory
{
    public const string BaseUrl = "http://127.0.0.1:9/";
    public const string Redis = "127.0.0.1:9,connectTimeout=200";

    protected override string ClientId => "test-client-id";

    protected override string ClientSecret => "test-client-secret";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(MosaicMode.BaseUrlKey, BaseUrl);
        builder.UseSetting("ConnectionStrings:Redis", Redis);
    }
}
