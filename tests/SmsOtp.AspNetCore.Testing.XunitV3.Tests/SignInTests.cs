using Microsoft.AspNetCore.Mvc.Testing;

namespace SmsOtp.AspNetCore.Testing.XunitV3.Tests;

public sealed class SignInTests
{
    [Fact]
    public async Task Signs_in_and_reaches_the_account_page()
    {
        await using var mosaic = new MosaicEmulator(o => o.Users.Add(new MosaicEmulatorUser { UserId = "u-v3", PhoneNumber = "+16175551212" }));
        await using var factory = new WebApplicationFactory<Program>();

        var signIn = await factory.WithMosaicEmulator(mosaic).SignInWithSmsAsync(mosaic, "+16175551212", cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(signIn.Succeeded);
        Assert.Equal("signed in as +16175551212", await signIn.Client.GetStringAsync("/account", TestContext.Current.CancellationToken));
        Assert.Contains(signIn.Claims, c => c.Type == MosaicSmsOtpClaims.PhoneNumber);
    }

    [Fact]
    public async Task A_wrong_code_signs_nobody_in()
    {
        await using var mosaic = new MosaicEmulator(o =>
        {
            o.TestPhoneNumbers["+16175550100"] = "123456";
            o.Users.Add(new MosaicEmulatorUser { UserId = "u-test", PhoneNumber = "+16175550100" });
        });
        await using var factory = new WebApplicationFactory<Program>();
        using var browser = factory.WithMosaicEmulator(mosaic).CreateMosaicBrowser(mosaic);

        var attempt = await browser.StartSignInAsync("+16175550100", cancellationToken: TestContext.Current.CancellationToken);
        var result = await attempt.SubmitCodeAsync("654321", TestContext.Current.CancellationToken);

        Assert.Equal("123456", attempt.Sms?.Code);
        Assert.False(result.Succeeded);
    }
}
