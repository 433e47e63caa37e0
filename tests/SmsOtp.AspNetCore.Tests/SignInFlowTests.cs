using System.Net;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests;

/// <summary>The whole sign-in, as a person does it, in each kind of app.</summary>
public sealed class SignInFlowTests
{
    [Theory]
    [InlineData(TestAppStyle.MinimalApi)]
    [InlineData(TestAppStyle.Mvc)]
    [InlineData(TestAppStyle.RazorPages)]
    public async Task A_person_signs_in_with_an_SMS_code_and_lands_on_the_page_they_wanted(TestAppStyle style)
    {
        await using var app = await SmsOtpTestApp.StartAsync(style);
        var browser = app.CreateBrowser();

        using var landed = await browser.SignInAsync(app, app.ProtectedPath);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal(app.ProtectedPath, browser.CurrentUrl!.AbsolutePath);
        Assert.Contains(":" + SignInDriver.PhoneNumber, WebUtility.HtmlDecode(await landed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_costs_one_send_one_validation_one_code_exchange_and_one_client_token()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();

        using var landed = await browser.SignInAsync(app);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        var counters = app.Emulator.Counters;
        Assert.Equal(1, counters.Get(MosaicEmulatorEndpoint.SendSms));
        Assert.Equal(1, counters.Get(MosaicEmulatorEndpoint.ValidateSms));
        Assert.Equal(1, counters.Get(MosaicEmulatorEndpoint.Authorize));
        Assert.Equal(1, counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
        Assert.Equal(1, counters.Get(MosaicEmulatorEndpoint.TokenClientCredentials));
    }

    [Fact]
    public async Task The_principal_carries_the_Mosaic_user_id_phone_number_and_ID_token_claims()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        using var landed = await browser.SignInAsync(app);

        using var whoami = await browser.GetAsync("https://app.test/whoami");
        var claims = System.Text.Json.JsonDocument.Parse(await whoami.Content.ReadAsStringAsync()).RootElement
            .EnumerateArray().Select(c => (Type: c.GetProperty("type").GetString()!, Value: c.GetProperty("value").GetString()!)).ToList();

        var userId = Assert.Single(claims, c => c.Type == System.Security.Claims.ClaimTypes.NameIdentifier).Value;
        Assert.False(string.IsNullOrEmpty(userId));
        Assert.Contains((MosaicSmsOtpClaims.Subject, userId), claims);
        Assert.Contains((System.Security.Claims.ClaimTypes.MobilePhone, SignInDriver.PhoneNumber), claims);
        Assert.Contains((MosaicSmsOtpClaims.PhoneNumber, SignInDriver.PhoneNumber), claims);
        Assert.Contains((MosaicSmsOtpClaims.PhoneNumberVerified, "true"), claims);
        Assert.Contains((MosaicSmsOtpClaims.NewUser, "true"), claims);
        Assert.Contains((MosaicSmsOtpClaims.AuthenticationMethod, "sms"), claims);
        Assert.Contains(claims, c => c.Type == MosaicSmsOtpClaims.TenantId);
    }
}
