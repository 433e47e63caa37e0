namespace SmsOtp.AspNetCore.Tests;

public sealed class DefaultsTests
{
    [Fact]
    public void Scheme_name_is_MosaicSmsOtp() => Assert.Equal("MosaicSmsOtp", MosaicSmsOtpDefaults.AuthenticationScheme);
}
