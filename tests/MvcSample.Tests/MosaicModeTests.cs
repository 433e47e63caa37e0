using SmsOtp.AspNetCore;

namespace MvcSample.Tests;

public sealed class MosaicModeTests
{
    private static IConfiguration Configuration(string? clientId, string? clientSecret) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [MosaicMode.ClientIdKey] = clientId,
                [MosaicMode.ClientSecretKey] = clientSecret,
            })
            .Build();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_client_id_means_embedded_mode(string? clientId) =>
        Assert.True(MosaicMode.FromConfiguration(Configuration(clientId, null)).IsEmbedded);

    [Fact]
    public void Client_id_and_secret_mean_real_mode() =>
        Assert.False(MosaicMode.FromConfiguration(Configuration("client", "secret")).IsEmbedded);

    [Fact]
    public void Client_id_without_secret_fails_at_start_up()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MosaicMode.FromConfiguration(Configuration("client", null)));
        Assert.Contains(MosaicMode.ClientSecretKey, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, MosaicRegion.US)]
    [InlineData("", MosaicRegion.US)]
    [InlineData("EU", MosaicRegion.EU)]
    [InlineData("sandbox", MosaicRegion.Sandbox)]
    public void Region_defaults_to_US_and_reads_names_case_insensitively(string? value, MosaicRegion expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [MosaicMode.RegionKey] = value }).Build();

        Assert.Equal(expected, MosaicMode.RegionFrom(configuration));
    }

    [Theory]
    [InlineData("Mars")]
    [InlineData("1")]
    public void Unknown_region_fails_at_start_up_naming_the_choices(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [MosaicMode.RegionKey] = value }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => MosaicMode.RegionFrom(configuration));
        Assert.Contains("US, EU, CA, AU, Sandbox", error.Message, StringComparison.Ordinal);
    }
}
