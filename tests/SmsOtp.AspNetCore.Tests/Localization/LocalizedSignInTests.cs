using System.Net;
using SmsOtp.AspNetCore.Sms;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Localization;

/// <summary>The request culture picks the pages' language and the SMS text; an app's own text wins.</summary>
public sealed class LocalizedSignInTests
{
    [Theory]
    [MemberData(nameof(ShippedStringsTests.Cultures), MemberType = typeof(ShippedStringsTests))]
    public async Task The_SMS_is_sent_in_the_request_culture_names_the_app_and_ends_with_the_origin_bound_line(string culture)
    {
        await using var app = await LocalizedAppStart.StartAsync(culture);
        await app.CreateBrowser().StartAndSendCodeAsync();

        var sms = await app.Emulator.Outbox.WaitForMessageAsync(SignInDriver.PhoneNumber, CancellationToken.None);

        Assert.Contains("Contoso", sms.Text, StringComparison.Ordinal);
        Assert.EndsWith("\n\n@app.test #" + sms.Code, sms.Text, StringComparison.Ordinal);
        var template = sms.Text.Replace(sms.Code, "{otp}", StringComparison.Ordinal).Replace("Contoso", "{app}", StringComparison.Ordinal);
        Assert.True(template.Length <= OriginBoundLine.MaxMessageLength);
        Assert.Equal(culture == "en", sms.Text.StartsWith(sms.Code + " is your Contoso sign-in code.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("fr", "Connectez-vous avec votre téléphone", "ltr")]
    [InlineData("ar", "سجّل الدخول برقم هاتفك", "rtl")]
    [InlineData("ja", "電話番号でログイン", "ltr")]
    public async Task The_phone_page_is_in_the_request_culture_with_lang_and_dir(string culture, string heading, string direction)
    {
        await using var app = await LocalizedAppStart.StartAsync(culture);

        var page = await app.CreateBrowser().OpenPhonePageAsync();

        Assert.Contains($"<html lang=\"{culture}\" dir=\"{direction}\"", page, StringComparison.Ordinal);
        Assert.Contains($"<h1 id=\"title\">{heading}</h1>", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_code_in_French_gets_the_French_error_and_wait_words()
    {
        await using var app = await LocalizedAppStart.StartAsync("fr");
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        using var wrong = await browser.SubmitCodeAsync(codePage, SecurityTestKit.WrongCode(app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code), followRedirects: true);
        var html = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());

        Assert.Contains("Ce code n’est pas le bon. Vérifiez le SMS et réessayez.", html, StringComparison.Ordinal);
        Assert.Contains("Saisissez votre code", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_culture_not_shipped_falls_back_to_English_and_says_so_in_lang()
    {
        await using var app = await LocalizedAppStart.StartAsync("sv");

        var page = await app.CreateBrowser().OpenPhonePageAsync();

        Assert.Contains("<html lang=\"en\" dir=\"ltr\"", page, StringComparison.Ordinal);
        Assert.Contains("Sign in with your phone", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomMessage_wins_over_the_localized_text_and_gets_the_origin_bound_line()
    {
        await using var app = await LocalizedAppStart.StartAsync("fr", handler: o => o.CustomMessage = "Code {app} : {otp}");
        await app.CreateBrowser().StartAndSendCodeAsync();

        var sms = await app.Emulator.Outbox.WaitForMessageAsync(SignInDriver.PhoneNumber, CancellationToken.None);

        Assert.Equal($"Code Contoso : {sms.Code}\n\n@app.test #{sms.Code}", sms.Text);
    }

    [Fact]
    public async Task OriginBoundCodes_off_sends_the_text_alone()
    {
        await using var app = await LocalizedAppStart.StartAsync("en", handler: o => o.OriginBoundCodes = false);
        await app.CreateBrowser().StartAndSendCodeAsync();

        var sms = await app.Emulator.Outbox.WaitForMessageAsync(SignInDriver.PhoneNumber, CancellationToken.None);

        Assert.Equal($"{sms.Code} is your Contoso sign-in code. Do not share it.", sms.Text);
    }

    [Fact]
    public async Task OnSendingCode_can_change_the_text_per_request()
    {
        await using var app = await LocalizedAppStart.StartAsync("fr", handler: o => o.Events.OnSendingCode = c =>
        {
            c.CustomMessage = "{otp} — {app}";
            return Task.CompletedTask;
        });
        await app.CreateBrowser().StartAndSendCodeAsync();

        var sms = await app.Emulator.Outbox.WaitForMessageAsync(SignInDriver.PhoneNumber, CancellationToken.None);

        Assert.StartsWith($"{sms.Code} — Contoso\n\n@app.test #", sms.Text, StringComparison.Ordinal);
    }
}
