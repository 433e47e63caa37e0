using Microsoft.AspNetCore.Mvc.Testing;

[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]

namespace SmsOtp.AspNetCore.Testing.MSTest.Tests;

[TestClass]
public sealed class SignInTests
{
    [TestMethod]
    public async Task Signs_in_and_reaches_the_account_page()
    {
        await using var mosaic = new MosaicEmulator(o => o.Users.Add(new MosaicEmulatorUser { UserId = "u-mstest", PhoneNumber = "+16175551212" }));
        await using var factory = new WebApplicationFactory<Program>();

        var signIn = await factory.WithMosaicEmulator(mosaic).SignInWithSmsAsync(mosaic, "+16175551212");

        Assert.IsTrue(signIn.Succeeded);
        Assert.AreEqual("signed in as +16175551212", await signIn.Client.GetStringAsync("/account"));
        Assert.IsTrue(signIn.Claims.Any(c => c.Type == MosaicSmsOtpClaims.PhoneNumber));
    }

    [TestMethod]
    public async Task An_unknown_number_fails_with_the_emulators_reason()
    {
        await using var mosaic = new MosaicEmulator();
        await using var factory = new WebApplicationFactory<Program>();
        using var browser = factory.WithMosaicEmulator(mosaic).CreateMosaicBrowser(mosaic);

        var failure = await Assert.ThrowsExactlyAsync<MosaicSignInException>(() => browser.SignInAsync("+16175551212"));

        StringAssert.Contains(failure.Message, "create_new_user was false");
    }
}
