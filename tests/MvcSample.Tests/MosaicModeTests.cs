using Microsoft.Extensions.Configuration;

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
}
