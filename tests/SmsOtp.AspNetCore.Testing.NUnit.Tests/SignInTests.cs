using Microsoft.AspNetCore.Mvc.Testing;

namespace SmsOtp.AspNetCore.Testing.NUnit.Tests;

public sealed class SignInTests
{
    [Test]
    public async Task Signs_in_and_reaches_the_account_page()
    {
        await using var mosaic = new MosaicEmulator(o => o.Users.Add(new MosaicEmulatorUser { UserId = "u-nunit", PhoneNumber = "+16175551212" }));
        await using var factory = new WebApplicationFactory<Program>();

        var signIn = await factory.WithMosaicEmulator(mosaic).SignInWithSmsAsync(mosaic, "+16175551212");

        Assert.That(signIn.Succeeded, Is.True);
        Assert.That(await signIn.Client.GetStringAsync("/account"), Is.EqualTo("signed in as +16175551212"));
        Assert.That(signIn.Claims.Any(c => c.Type == MosaicSmsOtpClaims.PhoneNumber), Is.True);
    }

    [Test]
    public async Task An_injected_mosaic_fault_is_reported_with_its_status()
    {
        await using var mosaic = new MosaicEmulator(o => o.Users.Add(new MosaicEmulatorUser { UserId = "u-nunit", PhoneNumber = "+16175551212" }));
        await using var factory = new WebApplicationFactory<Program>();
        using var browser = factory.WithMosaicEmulator(mosaic).CreateMosaicBrowser(mosaic);
        mosaic.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = 429, Times = 1 });

        var attempt = await browser.StartSignInAsync("+16175551212");

        Assert.That(attempt.CodeSent, Is.False);
        Assert.That(attempt.Sms?.NotDeliveredReason, Is.EqualTo("an injected fault answered HTTP 429"));
    }
}
