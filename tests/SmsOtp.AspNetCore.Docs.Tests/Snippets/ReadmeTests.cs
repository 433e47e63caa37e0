using Microsoft.AspNetCore.Mvc.Testing;
using SmsOtp.AspNetCore.Testing;

namespace SmsOtp.AspNetCore.Docs.Tests.Snippets;

/// <summary>README.md "Testing your app": the test as the README shows it, run against the README's registration (MinimalApiSample).</summary>
public sealed class ReadmeTests
{
    #region readme-test
    [Fact]
    public async Task Signed_in_user_sees_their_account()
    {
        await using var mosaic = new MosaicEmulator(o =>
            o.Users.Add(new MosaicEmulatorUser { UserId = "user-1", PhoneNumber = "+16175551212" }));
        await using var factory = new WebApplicationFactory<Program>();

        var signIn = await factory.WithMosaicEmulator(mosaic).SignInWithSmsAsync(mosaic, "+16175551212");

        Assert.Equal("+16175551212", signIn.Sms!.PhoneNumber);
        Assert.Equal("signed in as +16175551212", await signIn.Client.GetStringAsync("/account"));
    }
    #endregion

    #region readme-test-failures
    [Fact]
    public async Task Wrong_code_and_mosaic_faults_are_one_step_each()
    {
        await using var mosaic = new MosaicEmulator(o => o.TestPhoneNumbers["+15555550100"] = "123456");
        await using var factory = new WebApplicationFactory<Program>();
        using var browser = factory.WithMosaicEmulator(mosaic).CreateMosaicBrowser(mosaic);

        // An unknown number: the emulator says why no SMS came (here: the app does not set CreateNewUser).
        var unknown = await browser.StartSignInAsync("+15555550100");
        Assert.Contains("create_new_user was false", unknown.Sms!.NotDeliveredReason);

        // Mosaic answering 503 to the send:
        mosaic.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = 503, Times = 1 });
        var fault = await browser.StartSignInAsync("+16175550100");
        Assert.False(fault.CodeSent);
    }
    #endregion
}
