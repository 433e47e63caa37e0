using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Flow;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>Checklist B-1 to B-8: the callback is bound to the browser that started the flow (OIDC nonce, flow cookie).</summary>
public sealed class CallbackBindingTests
{
    private const string Victim = "+16175550123";
    private static readonly Uri FlowCookieUri = new(SmsOtpTestApp.AppBase, MosaicSmsOtpDefaults.CallbackPath);

    [Fact]
    public async Task B01_Login_CSRF_a_callback_loaded_in_a_browser_without_a_flow_is_refused_before_any_code_exchange()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var callback = await app.CreateBrowser().GetCallbackUrlAsync(app);

        var victim = app.CreateBrowser();
        using var landed = await victim.GetAsync(callback.AbsoluteUri, followRedirects: false);

        Assert.Equal(HttpStatusCode.BadRequest, landed.StatusCode);
        landed.AssertNoAuthCookie();
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
        Assert.Contains(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.FlowCookieMissing);
    }

    [Fact]
    public async Task B01_Login_CSRF_a_callback_loaded_in_a_browser_that_only_opened_the_phone_page_is_refused_before_any_code_exchange()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var callback = await app.CreateBrowser().GetCallbackUrlAsync(app);

        var victim = app.CreateBrowser();
        await victim.OpenPhonePageAsync();   // the challenge gave the victim a start cookie (a flow with a nonce), but no code was sent in it
        Assert.NotNull(victim.CookieValue(FlowCookieUri, MosaicSmsOtpDefaults.FlowCookieName + SmsOtpFlowCookie.StartSuffix));
        using var landed = await victim.GetAsync(callback.AbsoluteUri, followRedirects: false);

        Assert.Equal(HttpStatusCode.BadRequest, landed.StatusCode);
        landed.AssertNoAuthCookie();
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
        Assert.Contains(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.FlowCookieMissing);
    }

    [Fact]
    public async Task B02_Code_injection_a_leaked_callback_replayed_in_a_browser_with_its_own_flow_fails_on_the_nonce_and_spends_the_code()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var victim = app.CreateBrowser();
        var leaked = await victim.GetCallbackUrlAsync(app, Victim);

        // The attacker's own flow (own nonce, own number), up to Mosaic's redirect: only such a flow exchanges a code (B-44).
        var attacker = app.CreateBrowser();
        await attacker.GetCallbackUrlAsync(app, "+16175550000");
        using var injected = await attacker.GetAsync(leaked.AbsoluteUri, followRedirects: false);

        Assert.Equal(HttpStatusCode.BadRequest, injected.StatusCode);
        injected.AssertNoAuthCookie();
        Assert.Contains(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.IdTokenRefused && r.Message.Contains("nonce", StringComparison.Ordinal));

        // The code was spent by that exchange: not even its rightful browser can use it again.
        using var late = await victim.GetAsync(leaked.AbsoluteUri, followRedirects: false);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        late.AssertNoAuthCookie();
        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
    }

    [Fact]
    public async Task B44_A_leaked_callback_in_a_browser_whose_flow_has_not_reached_Mosaic_is_not_exchanged_and_the_flow_survives()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var victim = app.CreateBrowser();
        var leaked = await victim.GetCallbackUrlAsync(app, Victim);

        var other = app.CreateBrowser();
        var otherPage = await other.StartAndSendCodeAsync(phoneNumber: "+16175550000");
        using var injected = await other.GetAsync(leaked.AbsoluteUri, followRedirects: false);

        Assert.Equal(HttpStatusCode.SeeOther, injected.StatusCode);
        Assert.Equal(MosaicSmsOtpDefaults.VerifyPath, injected.Headers.Location!.OriginalString);
        injected.AssertNoAuthCookie();
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));

        // Neither sign-in was harmed: the victim's code still finishes the victim's flow, the other flow goes on.
        using var victimLanded = await victim.GetAsync(leaked.AbsoluteUri, followRedirects: false);
        Assert.NotNull(victimLanded.SetCookie(SecurityTestKit.AuthCookieName));
        using var otherLanded = await other.SubmitCodeAsync(otherPage, app.Emulator.Outbox.GetLatest("+16175550000")!.Code, followRedirects: true);
        Assert.Equal("/secure", other.CurrentUrl!.AbsolutePath);
    }

    [Theory]
    [InlineData("?error=access_denied")]
    [InlineData("?error=x&error_description=y")]
    [InlineData("?code=forged")]
    public async Task B44_A_cross_site_link_to_the_callback_during_a_sign_in_does_not_end_it(string query)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        // A top-level GET from another site carries the SameSite=Lax flow cookie.
        using var link = await browser.GetAsync(MosaicSmsOtpDefaults.CallbackPath + query, followRedirects: false);

        Assert.Equal(HttpStatusCode.SeeOther, link.StatusCode);
        Assert.Equal(MosaicSmsOtpDefaults.VerifyPath, link.Headers.Location!.OriginalString);
        Assert.Null(link.SetCookie(MosaicSmsOtpDefaults.FlowCookieName));   // neither deleted nor replaced
        Assert.Contains(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.CallbackBeforeCodeAccepted);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));

        using var landed = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code, followRedirects: true);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/secure", browser.CurrentUrl!.AbsolutePath);
        Assert.Equal("minimal:" + SignInDriver.PhoneNumber, await landed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task B44_Control_after_Mosaic_accepted_the_code_its_error_redirect_does_end_the_flow()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        await browser.GetCallbackUrlAsync(app);

        using var error = await browser.GetAsync(MosaicSmsOtpDefaults.CallbackPath + "?error=access_denied", followRedirects: false);

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("expires=Thu, 01 Jan 1970", error.SetCookie(MosaicSmsOtpDefaults.FlowCookieName), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task B03_A_replayed_callback_is_refused_and_creates_no_second_session()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var callback = await browser.GetCallbackUrlAsync(app);
        var flowCookie = browser.CookieValue(FlowCookieUri, MosaicSmsOtpDefaults.FlowCookieName)!;
        var acceptedMark = browser.CookieValue(FlowCookieUri, SecurityTestKit.CodeAcceptedCookieName)!;

        using var first = await browser.GetAsync(callback.AbsoluteUri, followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.NotNull(first.SetCookie(SecurityTestKit.AuthCookieName));
        Assert.Contains("expires=Thu, 01 Jan 1970", first.SetCookie(MosaicSmsOtpDefaults.FlowCookieName), StringComparison.OrdinalIgnoreCase);

        // Same browser (or a second tab): the flow cookie is gone.
        using var second = await browser.GetAsync(callback.AbsoluteUri, followRedirects: false);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        second.AssertNoAuthCookie();
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));

        // A tab that still holds the old flow cookie and its code-accepted mark: the flow is recorded as spent (B-40), so
        // Mosaic is not even asked.
        var tab = app.CreateBrowser();
        tab.Cookies.Add(new Cookie(MosaicSmsOtpDefaults.FlowCookieName, flowCookie, "/", "app.test") { Secure = true });
        tab.Cookies.Add(new Cookie(SecurityTestKit.CodeAcceptedCookieName, acceptedMark, "/", "app.test") { Secure = true });
        using var third = await tab.GetAsync(callback.AbsoluteUri, followRedirects: false);
        Assert.Equal(HttpStatusCode.BadRequest, third.StatusCode);
        third.AssertNoAuthCookie();
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
    }

    [Fact]
    public async Task B04_A_code_that_already_succeeded_is_refused_with_a_generic_message_in_another_flow_that_holds_it()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var code = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;

        // A second browser joins inside the cooldown: no new SMS, so both flows hold the same code, and nothing but its
        // use can make it fail for the second (a resend would simply replace it).
        var other = app.CreateBrowser();
        using (var joined = await other.SubmitPhoneWithHeadersAsync(await other.OpenPhonePageAsync(), SignInDriver.PhoneNumber, ("Sec-Fetch-Mode", "navigate")))
        {
            Assert.Equal(MosaicSmsOtpDefaults.VerifyPath + "?joined=1", joined.Headers.Location!.OriginalString);
        }

        var otherPage = await other.OpenCodePageAsync();
        Assert.Single(app.Emulator.Outbox.GetMessages(SignInDriver.PhoneNumber));

        using var accepted = await browser.SubmitCodeAsync(codePage, code);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);

        // The same flow posting it again is a double submit (B-45): the same answer, without a second check.
        using var again = await browser.SubmitCodeAsync(codePage, code);
        Assert.Equal(accepted.Headers.Location, again.Headers.Location);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));

        // The other flow: the code is used. The handler's model of the tenant's policy knows it, so Mosaic is not asked,
        // and the answer is the one any dead code gets (nothing says "already used").
        using var replayed = await other.SubmitCodeAsync(otherPage, code);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Matches("That code (has expired|is not right)", await replayed.Content.ReadAsStringAsync());
        replayed.AssertNoAuthCookie();
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
    }

    [Fact]
    public async Task B04_After_a_resend_only_the_newest_code_is_valid()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        // Fixed codes, so that the old one is never (by chance) the new one and its check is always made.
        app.Emulator.Options.TestPhoneNumbers[SignInDriver.PhoneNumber] = "111111";
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var oldCode = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;

        app.Emulator.Options.TestPhoneNumbers[SignInDriver.PhoneNumber] = "222222";
        app.Time.Advance(TimeSpan.FromSeconds(61));
        using var resent = await browser.PostFormAsync(MosaicSmsOtpDefaults.ResendPath, [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(codePage))], followRedirects: false);
        Assert.Equal(HttpStatusCode.SeeOther, resent.StatusCode);
        var newCode = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;
        Assert.Equal(2, app.Emulator.Outbox.GetMessages(SignInDriver.PhoneNumber).Count);
        Assert.Equal(("111111", "222222"), (oldCode, newCode));

        using var old = await browser.SubmitCodeAsync(codePage, oldCode);
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Contains("That code is not right", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));   // Mosaic judged it: the handler let it through

        using var fresh = await browser.SubmitCodeAsync(codePage, newCode);
        Assert.Equal(HttpStatusCode.SeeOther, fresh.StatusCode);
    }

    [Fact]
    public async Task B05_A_flow_older_than_its_lifetime_is_refused_at_validation_and_at_the_callback()
    {
        // A flow shorter-lived than the code: at the flow's end the code is still live (for Mosaic and for the handler's
        // model of it), so only the flow's own lifetime can refuse it.
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.FlowLifetime = TimeSpan.FromMinutes(4), emulator: o => o.Otp.ExpiresIn = TimeSpan.FromMinutes(10));
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        app.Time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(1));

        using var late = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
        Assert.Single(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.FlowExpired);

        var other = app.CreateBrowser();
        var callback = await other.GetCallbackUrlAsync(app, Victim);
        app.Time.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(1));
        using var lateCallback = await other.GetAsync(callback.AbsoluteUri, followRedirects: false);
        Assert.Equal(HttpStatusCode.BadRequest, lateCallback.StatusCode);
        lateCallback.AssertNoAuthCookie();
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
        Assert.Equal(2, app.HandlerEvents().Count(r => r.Id.Id == MosaicSmsOtpLogEvents.FlowExpired));
    }

    [Fact]
    public async Task B05_A_nonce_from_an_old_flow_does_not_finish_a_new_flow()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        // The old flow got as far as Mosaic's redirect, so a callback could end it (B-44), but its nonce is not the new one.
        var oldPage = await browser.StartAndSendCodeAsync();
        using var oldAccepted = await browser.SubmitCodeAsync(oldPage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        var oldFlow = browser.CookieValue(FlowCookieUri, MosaicSmsOtpDefaults.FlowCookieName)!;
        var oldMark = browser.CookieValue(FlowCookieUri, SecurityTestKit.CodeAcceptedCookieName)!;

        app.Time.Advance(TimeSpan.FromSeconds(61));
        var callback = await browser.GetCallbackUrlAsync(app);
        browser.Cookies.Add(new Cookie(MosaicSmsOtpDefaults.FlowCookieName, oldFlow, "/", "app.test") { Secure = true });
        browser.Cookies.Add(new Cookie(SecurityTestKit.CodeAcceptedCookieName, oldMark, "/", "app.test") { Secure = true });
        using var landed = await browser.GetAsync(callback.AbsoluteUri, followRedirects: false);

        Assert.Equal(HttpStatusCode.BadRequest, landed.StatusCode);
        landed.AssertNoAuthCookie();
        Assert.Contains(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.IdTokenRefused && r.Message.Contains("nonce", StringComparison.Ordinal));
    }

    [Fact]
    public async Task B05_The_flow_cookie_lives_no_longer_than_ten_minutes_and_a_longer_FlowLifetime_fails_at_start()
    {
        await using (var app = await SmsOtpTestApp.StartAsync())
        {
            var browser = app.CreateBrowser();
            using var challenge = await browser.GetAsync("/secure", followRedirects: false);
            using var sent = await browser.SubmitPhoneAsync(await browser.OpenPhonePageAsync());
            foreach (var setCookie in new[] { challenge.SetCookie(MosaicSmsOtpDefaults.FlowCookieName + ".Start")!, sent.SetCookie(MosaicSmsOtpDefaults.FlowCookieName)! })
            {
                var expires = DateTimeOffset.Parse(setCookie.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase))[8..], System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(expires <= app.Time.GetUtcNow() + TimeSpan.FromMinutes(10), setCookie);
                Assert.True(expires > app.Time.GetUtcNow(), setCookie);
            }
        }

        var tooLong = await Assert.ThrowsAsync<OptionsValidationException>(() => SmsOtpTestApp.StartAsync(handler: o => o.FlowLifetime = TimeSpan.FromMinutes(11)));
        Assert.Contains(tooLong.Failures, f => f.StartsWith("MosaicSmsOtpOptions.FlowLifetime must be", StringComparison.Ordinal));
    }

    [Fact]
    public async Task B06_B46_The_flow_cookie_is_Secure_HttpOnly_SameSite_Lax_and_bound_to_this_host()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        using var challenge = await browser.GetAsync("/secure", followRedirects: false);
        using var sent = await browser.SubmitPhoneAsync(await browser.OpenPhonePageAsync());

        // The start cookie (where to return) and the flow cookie (number, nonce) carry the same protections.
        foreach (var setCookie in new[] { challenge.SetCookie(MosaicSmsOtpDefaults.FlowCookieName + ".Start")!, sent.SetCookie(MosaicSmsOtpDefaults.FlowCookieName)! })
        {
            var attributes = setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToArray();
            Assert.Contains("secure", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains("samesite=lax", attributes);
            // __Host-: Path=/ and no Domain, as browsers require of the prefix (B-46).
            Assert.Contains("path=/", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
            Assert.StartsWith("__Host-", setCookie, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("edited")]
    [InlineData("unsigned")]
    [InlineData("other-scheme")]
    [InlineData("oversized")]
    public async Task B06_A_tampered_foreign_or_oversized_flow_cookie_is_refused(string kind)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var genuine = browser.CookieValue(FlowCookieUri, MosaicSmsOtpDefaults.FlowCookieName)!;
        var forged = kind switch
        {
            "edited" => genuine[..40] + (genuine[40] == 'A' ? 'B' : 'A') + genuine[41..],
            "unsigned" => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(SmsOtpFlowSerializer.Instance.Serialize(Flow(SignInDriver.PhoneNumber))),
            "other-scheme" => ProtectFor(app, "OtherScheme", Flow(SignInDriver.PhoneNumber)),
            _ => new string('A', 3600),
        };
        browser.Cookies.Add(new Cookie(MosaicSmsOtpDefaults.FlowCookieName, forged, "/", "app.test") { Secure = true });

        using var validate = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        Assert.Equal(HttpStatusCode.BadRequest, validate.StatusCode);
        using var callback = await browser.GetAsync(MosaicSmsOtpDefaults.CallbackPath + "?code=anything", followRedirects: false);
        Assert.Equal(HttpStatusCode.BadRequest, callback.StatusCode);
        callback.AssertNoAuthCookie();
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
        Assert.Contains(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.FlowCookieUnreadable);
    }

    [Fact]
    public async Task B06_Control_a_cookie_protected_for_this_scheme_is_read_so_the_refusals_above_are_about_protection()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        browser.Cookies.Add(new Cookie(MosaicSmsOtpDefaults.FlowCookieName, ProtectFor(app, MosaicSmsOtpDefaults.AuthenticationScheme, Flow(SignInDriver.PhoneNumber)), "/", "app.test") { Secure = true });

        using var page = await browser.GetAsync(MosaicSmsOtpDefaults.VerifyPath, followRedirects: false);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task B07_The_result_URI_goes_to_the_browser_as_an_uncached_redirect_and_the_callback_ends_on_a_clean_URL()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        using var validated = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        Assert.Equal(HttpStatusCode.SeeOther, validated.StatusCode);
        Assert.Equal(app.Emulator.BaseAddress.Authority, validated.Headers.Location!.Authority);
        Assert.Equal("no-referrer", validated.Header("Referrer-Policy"));
        Assert.Equal("no-store", validated.Header("Cache-Control"));
        var result = validated.Headers.Location!;

        using var atMosaic = await browser.GetAsync(result.AbsoluteUri, followRedirects: false);
        var callback = atMosaic.Headers.Location!;
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query)["code"].ToString();
        using var landed = await browser.GetAsync(callback.AbsoluteUri, followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/secure", landed.Headers.Location!.OriginalString);
        Assert.Equal("no-referrer", landed.Header("Referrer-Policy"));
        // ASP.NET Core's own request log (Microsoft.AspNetCore.Hosting.Diagnostics, Information) prints every request URL,
        // the callback's included: that is host configuration, not the handler's. Everything else must be clean.
        var logs = app.Logs.GetSnapshot().Where(r => r.Category != "Microsoft.AspNetCore.Hosting.Diagnostics");
        Assert.DoesNotContain(logs, r => r.Message.Contains(code, StringComparison.Ordinal) || r.Message.Contains("login_ticket", StringComparison.Ordinal) || r.Message.Contains(result.Query.TrimStart('?'), StringComparison.Ordinal));
    }

    [Fact]
    public async Task B07_A_refused_callback_also_carries_Referrer_Policy_no_referrer()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        using var refused = await app.CreateBrowser().GetAsync(MosaicSmsOtpDefaults.CallbackPath + "?code=leaky", followRedirects: false);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("no-referrer", refused.Header("Referrer-Policy"));
    }

    [Fact]
    public async Task B08_The_same_configured_redirect_URI_goes_to_the_send_and_to_the_code_exchange()
    {
        MosaicWire wire = null!;
        await using var app = await SmsOtpTestApp.StartAsync(services: s => wire = MosaicWire.AddTo(s));
        using var landed = await app.CreateBrowser().SignInAsync(app);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);

        var expected = "https://app.test/signin-sms/callback";
        var send = System.Text.Json.JsonDocument.Parse(wire.Requests.Single(r => r.Path == "/cis/v1/auth/otp/sms").Body);
        Assert.Equal(expected, send.RootElement.GetProperty("redirect_uri").GetString());
        var exchange = wire.Requests.Single(r => r.Body.Contains("grant_type=authorization_code", StringComparison.Ordinal));
        Assert.Equal(expected, Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(exchange.Body)["redirect_uri"].ToString());
    }

    [Fact]
    public async Task B08_A_redirect_URI_Mosaic_has_not_registered_is_refused_and_no_SMS_goes_out()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.RedirectUri = new Uri("https://app.test/extra/signin-sms/callback"));
        var browser = app.CreateBrowser();

        using var sent = await browser.SubmitPhoneAsync(await browser.OpenPhonePageAsync());

        // Mosaic's 400 names redirect_uri, not the number: a configuration problem (503), not "check the number".
        Assert.Equal(HttpStatusCode.ServiceUnavailable, sent.StatusCode);
        Assert.DoesNotContain("Check the number", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
        Assert.Empty(app.Emulator.Outbox.GetMessages());
    }

    [Theory]
    [InlineData("/signin-sms/callback")]
    [InlineData("http://app.test/signin-sms/callback")]
    [InlineData("https://app.test/elsewhere")]
    public async Task B08_A_relative_plain_http_or_mismatched_redirect_URI_fails_at_start_outside_development(string redirectUri)
    {
        var uri = new Uri(redirectUri, UriKind.RelativeOrAbsolute);
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => SmsOtpTestApp.StartAsync(handler: o => o.RedirectUri = uri));
        Assert.Contains(failure.Failures, f => f.StartsWith("MosaicSmsOtpOptions.RedirectUri must", StringComparison.Ordinal));
    }

    private static SmsOtpFlow Flow(string phoneNumber) => new()
    {
        FlowId = "forged-flow",
        Nonce = "forged-nonce",
        CreatedAt = DateTimeOffset.UtcNow,
        Properties = new AuthenticationProperties { RedirectUri = "/secure" },
        PhoneNumber = phoneNumber,
    };

    private static string ProtectFor(SmsOtpTestApp app, string scheme, SmsOtpFlow flow)
    {
        var provider = app.App.Services.GetRequiredService<IDataProtectionProvider>();
        var format = new SmsOtpFlowFormat(provider.CreateProtector("SmsOtp.AspNetCore.MosaicSmsOtpHandler", scheme, "Flow.v1"));
        return format.Protect(flow);
    }
}
