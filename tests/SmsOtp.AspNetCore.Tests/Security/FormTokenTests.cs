using System.Net;
using SmsOtp.AspNetCore.Flow;
using SmsOtp.AspNetCore.Tests.Infrastructure;
using SmsOtp.AspNetCore.Testing;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>
/// The built-in forms' antiforgery tokens are bound to the data-protected flow cookie (benchmarks/README.md, "Form
/// tokens bound to the flow cookie"): a whole sign-in makes 8 Data Protection operations, and a token is accepted only
/// with the genuine cookie it was made for.
/// </summary>
public sealed class FormTokenTests
{
    [Fact]
    public async Task A_whole_sign_in_makes_8_Data_Protection_operations_step_by_step()
    {
        DataProtectionCount count = null!;
        await using var app = await SmsOtpTestApp.StartAsync(services: s => count = CountingDataProtectionProvider.Decorate(s));
        var browser = app.CreateBrowser();
        var steps = new List<(int Protects, int Unprotects)>();
        var (protects, unprotects) = (count.Protects, count.Unprotects);
        void Step()
        {
            steps.Add((count.Protects - protects, count.Unprotects - unprotects));
            (protects, unprotects) = (count.Protects, count.Unprotects);
        }

        var phonePage = await browser.OpenPhonePageAsync();
        Step();
        using (var sent = await browser.SubmitPhoneAsync(phonePage))
        {
            Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        }

        Step();
        var codePage = await browser.OpenCodePageAsync();
        Step();
        using var landed = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code, followRedirects: true);
        Step();

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("minimal:" + SignInDriver.PhoneNumber, await landed.Content.ReadAsStringAsync());
        Assert.Equal(
            [
                (1, 0), // challenge: start cookie; phone page: none (its token is a digest of the start cookie)
                (1, 1), // phone POST: start cookie read (the token's cookie must be genuine), flow cookie written
                (0, 1), // code page: flow cookie read (the masked number; the token is a digest of the flow cookie)
                (1, 3), // code POST: flow read; callback: flow read, auth cookie written; the protected page: auth cookie read
            ],
            steps);
        Assert.Equal(8, count.Total);
    }

    [Fact]
    public async Task A_phone_form_posted_with_another_browsers_token_is_refused()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var attacker = app.CreateBrowser();
        var victim = app.CreateBrowser();
        var attackersPage = await attacker.OpenPhonePageAsync();
        await victim.OpenPhonePageAsync();

        using var forged = await victim.SubmitPhoneAsync(attackersPage);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task A_planted_cookie_with_a_token_made_for_it_is_refused_as_it_does_not_unprotect()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        const string Planted = "CfDJ8planted-by-a-sibling-subdomain";
        browser.Cookies.Add(new Cookie(MosaicSmsOtpDefaults.FlowCookieName + SmsOtpFlowCookie.StartSuffix, Planted, MosaicSmsOtpDefaults.SignInPath, "app.test") { Secure = true });

        using var forged = await browser.PostFormAsync(MosaicSmsOtpDefaults.SignInPath, [new(SmsOtpFormToken.FieldName, SmsOtpFormToken.Create(Planted)), new("phone_number", SignInDriver.PhoneNumber)], followRedirects: false);
        var phonePage = await browser.OpenPhonePageAsync();
        using var sent = await browser.SubmitPhoneAsync(phonePage);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("expires=Thu, 01 Jan 1970", forged.SetCookie(MosaicSmsOtpDefaults.FlowCookieName + SmsOtpFlowCookie.StartSuffix), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task Every_rendering_carries_a_new_token_and_each_is_accepted_with_its_cookie()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var first = await browser.OpenPhonePageAsync();
        using var again = await browser.GetAsync(MosaicSmsOtpDefaults.SignInPath);
        var second = await again.Content.ReadAsStringAsync();

        using var sent = await browser.SubmitPhoneAsync(first);

        Assert.NotEqual(TestBrowser.AntiforgeryToken(first), TestBrowser.AntiforgeryToken(second));
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
    }

    [Fact]
    public async Task A_code_page_token_is_refused_once_its_flow_was_replaced()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var firstCodePage = await browser.StartAndSendCodeAsync();
        using (var phonePage = await browser.GetAsync(MosaicSmsOtpDefaults.SignInPath))
        using (var other = await browser.SubmitPhoneAsync(await phonePage.Content.ReadAsStringAsync(), "+16175550123"))
        {
            Assert.Equal(HttpStatusCode.SeeOther, other.StatusCode);
        }

        using var stale = await browser.SubmitCodeAsync(firstCodePage, app.Emulator.Outbox.GetLatest("+16175550123")!.Code);

        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
    }

    [Fact]
    public async Task A_second_phone_page_of_the_same_challenge_still_sends_after_the_first_sent_a_code()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var firstTab = await browser.OpenPhonePageAsync();
        using var reloaded = await browser.GetAsync(MosaicSmsOtpDefaults.SignInPath);
        var secondTab = await reloaded.Content.ReadAsStringAsync();

        using var first = await browser.SubmitPhoneAsync(firstTab);
        using var second = await browser.SubmitPhoneAsync(secondTab, "+16175550123");

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Null(first.SetCookie(MosaicSmsOtpDefaults.FlowCookieName + SmsOtpFlowCookie.StartSuffix));   // kept for the other tab
        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task A_phone_page_opened_without_a_challenge_carries_the_platforms_token_and_sends()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        using var page = await browser.GetAsync(MosaicSmsOtpDefaults.SignInPath);
        var html = await page.Content.ReadAsStringAsync();

        using var sent = await browser.SubmitPhoneAsync(html);

        Assert.Null(page.SetCookie(MosaicSmsOtpDefaults.FlowCookieName + SmsOtpFlowCookie.StartSuffix));
        Assert.StartsWith("CfDJ8", TestBrowser.AntiforgeryToken(html), StringComparison.Ordinal);   // data-protected: the platform's
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task A_callback_with_another_flows_code_accepted_mark_does_not_end_the_flow_in_progress()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var other = app.CreateBrowser();
        await other.GetCallbackUrlAsync(app);
        var othersMark = other.CookieValue(SmsOtpTestApp.AppBase, SecurityTestKit.CodeAcceptedCookieName)!;
        app.Time.Advance(TimeSpan.FromSeconds(61));
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync(phoneNumber: "+16175550123");
        browser.Cookies.Add(new Cookie(SecurityTestKit.CodeAcceptedCookieName, othersMark, "/", "app.test") { Secure = true });

        using var link = await browser.GetAsync(MosaicSmsOtpDefaults.CallbackPath + "?code=forged", followRedirects: false);

        Assert.Equal(HttpStatusCode.SeeOther, link.StatusCode);
        Assert.Equal(MosaicSmsOtpDefaults.VerifyPath, link.Headers.Location!.OriginalString);
        Assert.Null(link.SetCookie(MosaicSmsOtpDefaults.FlowCookieName));
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
        using var landed = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest("+16175550123")!.Code, followRedirects: true);
        Assert.Equal("minimal:+16175550123", await landed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_code_accepted_mark_is_written_only_when_Mosaic_accepts_the_code_and_removed_by_the_callback()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var code = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;

        using var wrong = await browser.SubmitCodeAsync(codePage, SecurityTestKit.WrongCode(code));
        using var right = await browser.SubmitCodeAsync(codePage, code);
        using var callback = await browser.GetAsync(right.Headers.Location!.AbsoluteUri, followRedirects: true);

        Assert.Null(wrong.SetCookie(SecurityTestKit.CodeAcceptedCookieName));
        var mark = right.SetCookie(SecurityTestKit.CodeAcceptedCookieName);
        Assert.NotNull(mark);
        Assert.Contains("httponly", mark, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("__Host-", mark, StringComparison.Ordinal);
        Assert.Equal("minimal:" + SignInDriver.PhoneNumber, await callback.Content.ReadAsStringAsync());
        Assert.Null(browser.CookieValue(SmsOtpTestApp.AppBase, SecurityTestKit.CodeAcceptedCookieName));
        Assert.Null(browser.CookieValue(SmsOtpTestApp.AppBase, MosaicSmsOtpDefaults.FlowCookieName + SmsOtpFlowCookie.StartSuffix));
    }

    [Fact]
    public async Task A_phone_page_replaced_by_a_challenge_in_another_tab_is_refused_with_a_phone_page_that_says_so_and_works()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var firstTab = await browser.OpenPhonePageAsync();
        await browser.OpenPhonePageAsync();   // the second tab's challenge replaces the start cookie

        using var refused = await browser.SubmitPhoneAsync(firstTab, followRedirects: true);
        var page = await refused.Content.ReadAsStringAsync();
        using var sent = await browser.SubmitPhoneAsync(page);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(MosaicSmsOtpDefaults.SignInPath, browser.CurrentUrl!.AbsolutePath);
        Assert.Contains("replaced by one you opened in another tab", page, StringComparison.Ordinal);
        Assert.DoesNotContain(SignInDriver.PhoneNumber, page, StringComparison.Ordinal);   // nothing from the refused form
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task A_phone_form_without_a_token_gets_the_generic_refusal_not_the_replaced_page_message()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        await browser.OpenPhonePageAsync();

        using var refused = await browser.PostFormAsync(MosaicSmsOtpDefaults.SignInPath, [new("phone_number", SignInDriver.PhoneNumber)], followRedirects: true);
        var page = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("expired or came from another site", page, StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }
}
