namespace SmsOtp.AspNetCore.Testing.Tests;

public sealed class DefaultsTests
{
    [Fact]
    public void Issuer_is_the_US_region_issuer() => Assert.Equal("https://userid.security", MosaicEmulatorDefaults.Issuer);
}
