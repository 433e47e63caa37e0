using System.Net;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests;

/// <summary>What the code page does with wrong, expired and locked codes, and with resends.</summary>
public sealed class CodePageTests
{
    [Fact]
    public async Task A_wrong_code_re_renders_the_code_page_with_400_and_a_message_next_to_the_field()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        using var response = await browser.SubmitCodeAsync(codePage, WrongCode(app));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"passcode_error\" class=\"error\" role=\"alert\">That code is not right.", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("+1******1212", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_wrong_code_the_right_code_still_signs_in()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        using var wrong = await browser.SubmitCodeAsync(codePage, WrongCode(app));

        using var landed = await browser.SubmitCodeAsync(await wrong.Content.ReadAsStringAsync(), app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code, followRedirects: true);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/secure", browser.CurrentUrl!.AbsolutePath);
    }

    [Fact]
    public async Task An_expired_code_says_so_and_offers_a_new_code()
    {
        await using var app = await SmsOtpTestApp.StartAsync(emulator: o => o.Otp.ExpiresIn = TimeSpan.FromMinutes(3));
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        app.Time.Advance(TimeSpan.FromMinutes(4));

        using var response = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("That code has expired. Send a new code", html, StringComparison.Ordinal);
        Assert.Contains("class=\"primary\">Send a new code</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_Mosaic_locked_gets_429_saying_when_to_try_again()
    {
        await using var app = await SmsOtpTestApp.StartAsync(
            handler: o => o.CodePolicy.LockoutDuration = TimeSpan.FromMinutes(15),
            emulator: o => o.Otp.MaxFailures = 2);
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await browser.SubmitCodeAsync(codePage, WrongCode(app));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var locked = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), locked.Headers.RetryAfter?.Delta);
        Assert.Contains("Try again in 15 minutes.", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_that_is_not_4_to_8_digits_is_refused_without_asking_Mosaic()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        using var response = await browser.SubmitCodeAsync(codePage, "12ab");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Enter the code from the SMS: 4 to 8 digits.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.Counters.Get(Testing.MosaicEmulatorEndpoint.ValidateSms));
    }

    [Fact]
    public async Task A_pasted_code_with_spaces_is_accepted()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var code = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;

        using var landed = await browser.SubmitCodeAsync(codePage, $" {code[..3]} {code[3..]} ", followRedirects: true);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/secure", browser.CurrentUrl!.AbsolutePath);
    }

    [Fact]
    public async Task Resend_sends_a_new_code_after_the_cooldown_and_only_the_new_code_works()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var firstCode = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;
        app.Time.Advance(TimeSpan.FromSeconds(61));

        using var resent = await browser.PostFormAsync("/signin-sms/resend", [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(codePage))], followRedirects: false);

        Assert.Equal(HttpStatusCode.SeeOther, resent.StatusCode);
        Assert.Equal("/signin-sms/verify?sent=1", resent.Headers.Location!.OriginalString);
        Assert.Equal(2, app.Emulator.Outbox.GetMessages(SignInDriver.PhoneNumber).Count);
        var secondCode = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;
        using var notice = await browser.GetAsync("/signin-sms/verify?sent=1");
        var noticePage = await notice.Content.ReadAsStringAsync();
        Assert.Contains("We sent you a new code.", noticePage, StringComparison.Ordinal);
        if (firstCode != secondCode)
        {
            using var old = await browser.SubmitCodeAsync(noticePage, firstCode);
            Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        }

        using var landed = await browser.SubmitCodeAsync(noticePage, secondCode, followRedirects: true);
        Assert.Equal("/secure", browser.CurrentUrl!.AbsolutePath);
    }

    [Fact]
    public async Task Resend_within_the_cooldown_gets_429_with_Retry_After_and_sends_nothing()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        app.Time.Advance(TimeSpan.FromSeconds(20));

        using var resent = await browser.PostFormAsync("/signin-sms/resend", [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(codePage))], followRedirects: false);

        Assert.Equal(HttpStatusCode.TooManyRequests, resent.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(40), resent.Headers.RetryAfter?.Delta);
        Assert.Contains("You can ask for another in 40 seconds.", await resent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(app.Emulator.Outbox.GetMessages(SignInDriver.PhoneNumber));
    }

    [Fact]
    public async Task The_code_page_without_a_flow_sends_the_browser_to_the_phone_page()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();

        using var response = await browser.GetAsync("/signin-sms/verify", followRedirects: false);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/signin-sms", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_code_page_has_an_accessible_one_time_code_field_and_a_way_to_change_the_number()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();

        var html = await browser.StartAndSendCodeAsync();

        Assert.Contains("<label for=\"passcode\">Code</label>", html, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"one-time-code\" inputmode=\"numeric\"", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/signin-sms/resend\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/signin-sms\">Use a different number</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(SignInDriver.PhoneNumber, html, StringComparison.Ordinal);
    }

    private static string WrongCode(SmsOtpTestApp app)
    {
        var right = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;
        return right == "000000" ? "111111" : "000000";
    }
}
