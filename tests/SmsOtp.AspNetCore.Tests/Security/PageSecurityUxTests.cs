using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>Checklist B-33 and B-34: the SMS names the app, and the code page works with autofill, paste and screen readers.</summary>
public sealed class PageSecurityUxTests
{
    [Fact]
    public async Task B33_The_default_SMS_names_the_app()
    {
        await using var app = await SmsOtpTestApp.StartAsync(emulator: o => o.Clients[0].AppName = "Contoso Bank");
        await app.CreateBrowser().StartAndSendCodeAsync();

        var sms = await app.Emulator.Outbox.WaitForMessageAsync(SignInDriver.PhoneNumber, CancellationToken.None);

        Assert.Contains("Contoso Bank", sms.Text, StringComparison.Ordinal);
        Assert.Contains(sms.Code, sms.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task B33_A_custom_SMS_can_carry_an_origin_bound_last_line_within_140_characters()
    {
        await using var app = await SmsOtpTestApp.StartAsync(
            handler: o => o.CustomMessage = "{otp} is your {app} code.\n\n@app.test #{otp}",
            emulator: o => o.Clients[0].AppName = "Contoso Bank");
        await app.CreateBrowser().StartAndSendCodeAsync();

        var sms = await app.Emulator.Outbox.WaitForMessageAsync(SignInDriver.PhoneNumber, CancellationToken.None);

        Assert.EndsWith("\n@app.test #" + sms.Code, sms.Text, StringComparison.Ordinal);
        Assert.Contains("Contoso Bank", sms.Text, StringComparison.Ordinal);
        Assert.True(sms.Text.Length <= 140);
    }

    [Theory]
    [InlineData("Your code is {otp}")]   // does not name the app
    [InlineData("{app}: {otp} ........................................................................................................................................")]
    public async Task B33_A_custom_SMS_without_the_app_name_or_over_140_characters_fails_at_start(string message)
    {
        await Assert.ThrowsAsync<OptionsValidationException>(() => SmsOtpTestApp.StartAsync(handler: o => o.CustomMessage = message));
    }

    [Fact]
    public async Task B33_B34_The_code_page_has_one_labelled_input_for_autofill_and_paste()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var codePage = await app.CreateBrowser().StartAndSendCodeAsync();

        var inputs = Regex.Matches(codePage, "<input [^>]*name=\"passcode\"[^>]*>");
        var input = Assert.Single(inputs).Value;   // one field, not one box per digit
        Assert.Contains("id=\"passcode\"", input, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"one-time-code\"", input, StringComparison.Ordinal);
        Assert.Contains("inputmode=\"numeric\"", input, StringComparison.Ordinal);
        Assert.Contains("type=\"text\"", input, StringComparison.Ordinal);   // not type=number, which drops leading zeros
        Assert.DoesNotContain("onpaste", codePage, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<label for=\"passcode\">", codePage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData(" {0} ")]
    [InlineData("{1}-{2}")]
    [InlineData("{1} {2}")]
    public async Task B34_A_pasted_code_with_spaces_or_a_dash_signs_in(string format)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var code = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;

        using var landed = await browser.SubmitCodeAsync(codePage, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, code, code[..3], code[3..]), followRedirects: true);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/secure", browser.CurrentUrl!.AbsolutePath);
    }

    [Fact]
    public async Task B34_An_error_is_announced_and_tied_to_the_field()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        using var wrong = await browser.SubmitCodeAsync(codePage, SecurityTestKit.WrongCode(app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code));
        var page = await wrong.Content.ReadAsStringAsync();

        Assert.Contains("aria-describedby=\"passcode_error passcode_attempts\" aria-invalid=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("<p id=\"passcode_error\" class=\"error\" role=\"alert\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task B34_After_the_code_expires_the_page_says_so_offers_a_new_code_and_the_new_code_works()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var expired = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;
        app.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        using var late = await browser.SubmitCodeAsync(codePage, expired);
        var page = await late.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("expired", page, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\" class=\"primary\">Send a new code</button>", page, StringComparison.Ordinal);

        using var resent = await browser.PostFormAsync(MosaicSmsOtpDefaults.ResendPath, [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(page))], followRedirects: true);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Contains("We sent you a new code.", await resent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var landed = await browser.SubmitCodeAsync(page, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code, followRedirects: true);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/secure", browser.CurrentUrl!.AbsolutePath);
    }
}
