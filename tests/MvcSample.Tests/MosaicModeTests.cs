using SmsOtp.AspNetCore;

namespace MvcSample.Tests;

public sealed class MosaicModeTests
{
    // Embedded or real mode is AddMosaicEmulatorWhenNoTenant's decision (tests in SmsOtp.AspNetCore.Testing.Tests).
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
