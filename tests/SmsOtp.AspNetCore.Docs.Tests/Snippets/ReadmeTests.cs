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
        await using var mosaic = new MosaicEmulator(o => o.Users.Add(new MosaicEmulatorUser { UserId = "u", PhoneNumber = "+16175550101" }));
        await using var factory = new WebApplicationFactory<Program>();
        var app = factory.WithMosaicEmulator(mosaic);

        // An unknown number: the emulator says why no SMS came (here: the app does not set CreateNewUser).
        using var first = app.CreateMosaicBrowser(mosaic);
        var unknown = await first.StartSignInAsync("+16175550100");
        Assert.Contains("create_new_user was false", unknown.Sms!.NotDeliveredReason);

        // A wrong code, then Mosaic answering 503 to a send (another number: the first is in its resend cooldown):
        using var second = app.CreateMosaicBrowser(mosaic);
        var attempt = await second.StartSignInAsync("+16175550101");
        Assert.False((await attempt.SubmitCodeAsync("000000")).Succeeded);
        mosaic.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = 503, Times = 1 });
        using var third = app.CreateMosaicBrowser(mosaic);
        Assert.Equal("an injected fault answered HTTP 503", (await third.StartSignInAsync("+16175550102")).Sms!.NotDeliveredReason);
    }
    #endregion
}
