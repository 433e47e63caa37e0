using System.Net;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;
using SmsOtp.AspNetCore.Tests.Security;

namespace SmsOtp.AspNetCore.Tests.PagesRendering;

/// <summary>
/// #10 "no dead ends": a browser's failed form post is redirected (303) to a GET that shows the message; a resend or a
/// second phone page inside the cooldown leads back to the code field; the code page counts attempts down and says when
/// none is left. Requests carry <c>Sec-Fetch-Mode: navigate</c>, as a browser's form submission does.
/// </summary>
public sealed class NoDeadEndTests
{
    [Fact]
    public async Task A_wrong_code_redirects_303_to_a_GET_of_the_code_page_that_shows_the_error_and_the_attempts_left_on_every_reload()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var right = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;

        using var posted = await PostAsBrowserAsync(browser, MosaicSmsOtpDefaults.VerifyPath, codePage, ("passcode", SecurityTestKit.WrongCode(right)));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.StartsWith(MosaicSmsOtpDefaults.VerifyPath + "?m=", location, StringComparison.Ordinal);
        for (var load = 0; load < 2; load++)
        {
            // The second load is Back or reload: a GET again, nothing resubmitted, nothing counted.
            using var shown = await browser.GetAsync(location, followRedirects: false);
            var html = await shown.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, shown.StatusCode);
            Assert.Equal("no-store", shown.Headers.CacheControl?.ToString());
            Assert.Contains("That code is not right.", html, StringComparison.Ordinal);
            Assert.Contains("Attempts left: 2.", html, StringComparison.Ordinal);
            Assert.Contains("name=\"passcode\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
    }

    [Fact]
    public async Task A_bad_phone_number_redirects_303_to_the_phone_page_with_the_error_and_what_was_typed()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var posted = await PostAsBrowserAsync(browser, MosaicSmsOtpDefaults.SignInPath, phonePage, ("phone_number", "12ab"));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.StartsWith(MosaicSmsOtpDefaults.SignInPath + "?m=", location, StringComparison.Ordinal);
        Assert.DoesNotContain("12ab", location, StringComparison.Ordinal);
        using var shown = await browser.GetAsync(location, followRedirects: false);
        var html = await shown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, shown.StatusCode);
        Assert.Contains("Use only digits", html, StringComparison.Ordinal);
        Assert.Contains("value=\"12ab\"", html, StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task A_carried_message_is_bound_to_its_flow_and_a_forged_one_shows_the_plain_page()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        using var posted = await PostAsBrowserAsync(browser, MosaicSmsOtpDefaults.VerifyPath, codePage, ("passcode", "12"));
        var location = posted.Headers.Location!.OriginalString;

        var other = app.CreateBrowser();
        await other.StartAndSendCodeAsync(phoneNumber: "+16175550199");
        using var elsewhere = await other.GetAsync(location, followRedirects: false);
        using var forged = await browser.GetAsync(MosaicSmsOtpDefaults.VerifyPath + "?m=forged", followRedirects: false);

        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.DoesNotContain("class=\"error\"", await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.DoesNotContain("class=\"error\"", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resend_inside_the_cooldown_stays_on_the_code_page_saying_when_another_can_be_sent()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        app.Time.Advance(TimeSpan.FromSeconds(20));

        using var posted = await PostAsBrowserAsync(browser, MosaicSmsOtpDefaults.ResendPath, codePage);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var location = posted.Headers.Location!.OriginalString;
        Assert.StartsWith(MosaicSmsOtpDefaults.VerifyPath + "?m=", location, StringComparison.Ordinal);
        using (var shown = await browser.GetAsync(location, followRedirects: false))
        {
            var html = await shown.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.TooManyRequests, shown.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(40), shown.Headers.RetryAfter?.Delta);
            Assert.Contains("<p class=\"notice\" role=\"status\">We just sent a code to this number. You can ask for another in 40 seconds.</p>", html, StringComparison.Ordinal);
            Assert.Contains("name=\"passcode\"", html, StringComparison.Ordinal);
        }

        // Once the wait is over, the same address is the plain code page: the code already sent still works.
        app.Time.Advance(TimeSpan.FromSeconds(41));
        using (var later = await browser.GetAsync(location, followRedirects: false))
        {
            Assert.Equal(HttpStatusCode.OK, later.StatusCode);
            Assert.DoesNotContain("You can ask for another", await later.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Single(app.Emulator.Outbox.GetMessages(SignInDriver.PhoneNumber));
        using var landed = await browser.SubmitCodeAsync(await browser.OpenCodePageAsync(), app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code, followRedirects: true);
        Assert.Equal("/secure", browser.CurrentUrl!.AbsolutePath);
    }

    [Fact]
    public async Task The_phone_page_inside_the_cooldown_for_the_same_number_in_another_browser_goes_to_the_code_already_sent_without_an_SMS()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var first = app.CreateBrowser();
        await first.StartAndSendCodeAsync();
        var code = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;
        app.Time.Advance(TimeSpan.FromSeconds(15));

        var second = app.CreateBrowser();
        var phonePage = await second.OpenPhonePageAsync();
        using var sent = await PostAsBrowserAsync(second, MosaicSmsOtpDefaults.SignInPath, phonePage, ("phone_number", SignInDriver.PhoneNumber));

        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(MosaicSmsOtpDefaults.VerifyPath + "?joined=1", sent.Headers.Location!.OriginalString);
        using var shown = await second.GetAsync(sent.Headers.Location.OriginalString);
        var html = await shown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("We already sent a code to this number. Enter it here; you can ask for another in 45 seconds.", html, StringComparison.Ordinal);
        Assert.Single(app.Emulator.Outbox.GetMessages(SignInDriver.PhoneNumber));

        using var landed = await second.SubmitCodeAsync(html, code, followRedirects: true);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/secure", second.CurrentUrl!.AbsolutePath);
    }

    [Fact]
    public async Task The_phone_page_inside_the_cooldown_answers_the_same_for_a_registered_and_an_unregistered_number()
    {
        await using var app = await EnumerationTests.StartWithSignUpOffAsync();
        var answers = new List<(HttpStatusCode, string?, string)>();
        foreach (var number in new[] { "+16175551212", "+16175561212" })
        {
            await app.CreateBrowser().StartAndSendCodeAsync(phoneNumber: number);
            var second = app.CreateBrowser();
            using var sent = await PostAsBrowserAsync(second, MosaicSmsOtpDefaults.SignInPath, await second.OpenPhonePageAsync(), ("phone_number", number));
            using var shown = await second.GetAsync(sent.Headers.Location!.OriginalString);
            answers.Add((sent.StatusCode, sent.Headers.Location.OriginalString, SecurityTestKit.WithoutAntiforgery(await shown.Content.ReadAsStringAsync())));
        }

        Assert.Equal(HttpStatusCode.SeeOther, answers[0].Item1);
        Assert.Equal(answers[0], answers[1]);
        Assert.Contains("We already sent a code to this number.", answers[0].Item3, StringComparison.Ordinal);
        Assert.Single(app.Emulator.Outbox.GetMessages());
    }

    [Fact]
    public async Task A_script_posting_the_phone_form_inside_the_cooldown_keeps_its_429_and_Retry_After()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        await app.CreateBrowser().StartAndSendCodeAsync();
        var script = app.CreateBrowser();

        using var sent = await script.SubmitPhoneAsync(await script.OpenPhonePageAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, sent.StatusCode);
        Assert.NotNull(sent.Headers.RetryAfter);
        Assert.Single(app.Emulator.Outbox.GetMessages(SignInDriver.PhoneNumber));
    }

    [Fact]
    public async Task The_code_page_counts_attempts_down_and_the_last_wrong_code_says_the_number_is_locked_instead_of_try_again()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        Assert.Contains("Attempts left: 3.", codePage, StringComparison.Ordinal);
        var right = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;

        var pages = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var wrong = await browser.SubmitCodeAsync(codePage, SecurityTestKit.WrongCode(right));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            pages.Add(await wrong.Content.ReadAsStringAsync());
        }

        Assert.Contains("Attempts left: 2.", pages[0], StringComparison.Ordinal);
        Assert.Contains("Attempts left: 1.", pages[1], StringComparison.Ordinal);
        Assert.Contains("Too many wrong codes for this number. Try again in 15 minutes.", pages[2], StringComparison.Ordinal);
        Assert.DoesNotContain("try again", pages[2], StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"passcode\"", pages[2], StringComparison.Ordinal);

        // The right code now is not sent to Mosaic, which would have locked the number: the handler stopped first.
        using var late = await browser.SubmitCodeAsync(codePage, right);
        Assert.Equal(3, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
    }

    [Fact]
    public async Task A_second_submit_of_a_right_code_from_a_browser_lands_where_the_first_did_and_counts_nothing()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var right = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;

        using var first = await PostAsBrowserAsync(browser, MosaicSmsOtpDefaults.VerifyPath, codePage, ("passcode", right));
        using var again = await PostAsBrowserAsync(browser, MosaicSmsOtpDefaults.VerifyPath, codePage, ("passcode", right));

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.NotEqual(MosaicSmsOtpDefaults.VerifyPath, again.Headers.Location!.AbsolutePath);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
        using var landed = await browser.GetAsync(again.Headers.Location.AbsoluteUri);
        Assert.Equal("/secure", browser.CurrentUrl!.AbsolutePath);
    }

    private static Task<HttpResponseMessage> PostAsBrowserAsync(TestBrowser browser, string path, string pageHtml, params (string Name, string Value)[] fields)
    {
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(pageHtml)) };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(SmsOtpTestApp.AppBase, path)) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Origin", SmsOtpTestApp.AppBase.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Mode", "navigate");
        request.Headers.Accept.ParseAdd("text/html");
        return browser.SendAsync(request, followRedirects: false);
    }
}
