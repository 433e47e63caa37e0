using SmsOtp.AspNetCore.Flow;
using SmsOtp.AspNetCore.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>
/// Checklist B-38, B-39 and B-46: what the flow cookie carries and where it may come from. A return URL that cannot fit
/// is decided before any SMS; a non-ASCII one works (percent-encoded); only this host can set the cookie over HTTPS.
/// </summary>
public sealed class FlowCookieTests
{
    // The crafted link of the finding: 2,048 characters that pass as local, but 4,088 once percent-encoded.
    private static readonly string CraftedReturnUrl = "/" + new string('a', 1792) + new string('一', 255);

    // Every name but the __Host- one that the handler could be reading the flow from.
    private static readonly string[] PlantedNames = ["SmsOtp.Flow", ".SmsOtp.Flow", "__Secure-SmsOtp.Flow"];

    [Fact]
    public async Task B38_A_crafted_link_to_the_phone_page_with_a_return_URL_that_cannot_fit_signs_in_to_the_root_with_one_SMS()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageDirectlyAsync("?ReturnUrl=" + Uri.EscapeDataString(CraftedReturnUrl));
        Assert.DoesNotContain("aaaa", phonePage, StringComparison.Ordinal);   // not carried into the form

        using var sent = await browser.PostFormAsync(
            MosaicSmsOtpDefaults.SignInPath,
            [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(phonePage)), new("phone_number", SignInDriver.PhoneNumber), new("returnUrl", CraftedReturnUrl)],
            followRedirects: false);

        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        var callback = await browser.SubmitCodeToCallbackUrlAsync(await browser.OpenCodePageAsync(), app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        using var landed = await browser.GetAsync(callback.AbsoluteUri, followRedirects: false);
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/", landed.Headers.Location!.OriginalString);
        Assert.NotNull(landed.SetCookie(SecurityTestKit.AuthCookieName));
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task B38_A_return_URL_that_would_overflow_the_flow_cookie_falls_back_to_the_root_before_the_SMS()
    {
        // The app's own Items take most of the cookie; the return URL (local, under 2,048 characters) is what overflows.
        await using var app = await SmsOtpTestApp.StartAsync(beforeAuthentication: a => a.MapGet("/login-with-items", (string returnUrl) => Results.Challenge(
            new AuthenticationProperties(new Dictionary<string, string?> { ["app.state"] = new string('s', 1200) }) { RedirectUri = returnUrl },
            [MosaicSmsOtpDefaults.AuthenticationScheme])));
        var browser = app.CreateBrowser();
        var longLocal = "/secure?q=" + new string('q', 2000);

        var codePage = await browser.StartAndSendCodeAsync("/login-with-items?returnUrl=" + Uri.EscapeDataString(longLocal));
        var callback = await browser.SubmitCodeToCallbackUrlAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        using var landed = await browser.GetAsync(callback.AbsoluteUri, followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/", landed.Headers.Location!.OriginalString);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));

        // Before the SMS: the fallback is logged ahead of the one code sent, not found out once the cookie failed.
        var events = app.HandlerEvents().Select(r => r.Id.Id).ToList();
        var fellBack = events.IndexOf(MosaicSmsOtpLogEvents.ReturnUrlTooLarge);
        Assert.InRange(fellBack, 0, events.IndexOf(MosaicSmsOtpLogEvents.CodeSent) - 1);
    }

    [Fact]
    public async Task B38_Control_a_long_ASCII_return_URL_that_fits_is_kept()
    {
        await using var app = await SmsOtpTestApp.StartAsync(beforeAuthentication: a => a.MapGet("/login", (string returnUrl) => Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [MosaicSmsOtpDefaults.AuthenticationScheme])));
        var browser = app.CreateBrowser();
        var longLocal = "/secure?q=" + new string('q', 2030);

        var codePage = await browser.StartAndSendCodeAsync("/login?returnUrl=" + Uri.EscapeDataString(longLocal));
        var callback = await browser.SubmitCodeToCallbackUrlAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        using var landed = await browser.GetAsync(callback.AbsoluteUri, followRedirects: false);

        Assert.Equal(longLocal, landed.Headers.Location!.OriginalString);
        Assert.DoesNotContain(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.ReturnUrlTooLarge);
    }

    [Theory]
    [InlineData("challenge")]
    [InlineData("phone-page-link")]
    public async Task B39_A_non_ASCII_local_return_URL_lands_signed_in_on_its_percent_encoded_path(string via)
    {
        await using var app = await SmsOtpTestApp.StartAsync(beforeAuthentication: a =>
        {
            a.MapGet("/login", (string returnUrl) => Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [MosaicSmsOtpDefaults.AuthenticationScheme]));
            a.MapGet("/café", (System.Security.Claims.ClaimsPrincipal user) => "café:" + user.FindFirst(MosaicSmsOtpClaims.PhoneNumber)?.Value).RequireAuthorization();
        });
        var browser = app.CreateBrowser();
        string codePage;
        if (via == "challenge")
        {
            codePage = await browser.StartAndSendCodeAsync("/login?returnUrl=%2Fcaf%C3%A9");
        }
        else
        {
            var phonePage = await browser.OpenPhonePageDirectlyAsync("?ReturnUrl=/caf%C3%A9");
            using var sent = await browser.PostFormAsync(
                MosaicSmsOtpDefaults.SignInPath,
                [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(phonePage)), new("phone_number", SignInDriver.PhoneNumber), new("returnUrl", ReturnUrlField(phonePage))],
                followRedirects: false);
            Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
            codePage = await browser.OpenCodePageAsync();
        }

        var callback = await browser.SubmitCodeToCallbackUrlAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        using var landed = await browser.GetAsync(callback.AbsoluteUri, followRedirects: false);

        // Kestrel refuses a non-ASCII header value (a 500 after the code was spent): the Location is percent-encoded.
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/caf%C3%A9", landed.Headers.Location!.OriginalString);
        using var page = await browser.GetAsync(landed.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("café:" + SignInDriver.PhoneNumber, await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task B46_A_flow_cookie_planted_by_a_sibling_subdomain_is_never_read_so_the_attackers_result_URI_signs_nobody_in()
    {
        await using var app = await SmsOtpTestApp.StartAsync();

        // The attacker runs a flow of their own up to Mosaic's result URI, and keeps their flow cookie.
        var (resultUri, attackersFlow, attackersAccepted) = await AttackersResultAsync(app, "+16175550000");

        // A sibling (evil.app.test) can set a cookie for the parent domain, but not a __Host- one: it plants the flow
        // under every other name the handler could read, then sends the victim to the attacker's result URI.
        var victim = app.CreateBrowser();
        foreach (var name in PlantedNames)
        {
            victim.Cookies.Add(new Cookie(name, attackersFlow, "/", ".app.test") { Secure = true });
            victim.Cookies.Add(new Cookie(name + SmsOtpFlowCookie.CodeAcceptedSuffix, attackersAccepted, "/", ".app.test") { Secure = true });
        }

        // The planted cookies do reach the callback (a browser sends a parent-domain cookie to app.test), so what follows
        // is the handler not reading them, not the browser not sending them.
        var sentToCallback = victim.Cookies.GetCookieHeader(new Uri(SmsOtpTestApp.AppBase, MosaicSmsOtpDefaults.CallbackPath)).Split("; ");
        Assert.All(PlantedNames, name => Assert.Contains(name + "=" + attackersFlow, sentToCallback));

        using var landed = await victim.GetAsync(resultUri.AbsoluteUri);

        Assert.Equal(HttpStatusCode.BadRequest, landed.StatusCode);
        Assert.Equal(MosaicSmsOtpDefaults.CallbackPath, victim.CurrentUrl!.AbsolutePath);
        Assert.Null(victim.CookieValue(SmsOtpTestApp.AppBase, SecurityTestKit.AuthCookieName));
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
        Assert.Contains(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.FlowCookieMissing);
        Assert.DoesNotContain(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.FlowCookieUnreadable);

        // Control: the same kind of flow under the __Host- name (which only app.test itself can set) signs in.
        app.Time.Advance(TimeSpan.FromSeconds(61));
        var (controlResult, controlFlow, controlAccepted) = await AttackersResultAsync(app, "+16175550001");
        var control = app.CreateBrowser();
        control.Cookies.Add(new Cookie(MosaicSmsOtpDefaults.FlowCookieName, controlFlow, "/", "app.test") { Secure = true });
        control.Cookies.Add(new Cookie(SecurityTestKit.CodeAcceptedCookieName, controlAccepted, "/", "app.test") { Secure = true });
        using var controlLanded = await control.GetAsync(controlResult.AbsoluteUri);
        Assert.Equal("minimal:+16175550001", await controlLanded.Content.ReadAsStringAsync());
    }

    /// <summary>An attacker's flow taken to Mosaic's result URI: that URI, and the flow cookie and code-accepted mark it holds.</summary>
    private static async Task<(Uri ResultUri, string FlowCookie, string CodeAccepted)> AttackersResultAsync(SmsOtpTestApp app, string phoneNumber)
    {
        var attacker = app.CreateBrowser();
        var page = await attacker.StartAndSendCodeAsync(phoneNumber: phoneNumber);
        using var toMosaic = await attacker.SubmitCodeAsync(page, app.Emulator.Outbox.GetLatest(phoneNumber)!.Code);
        return (
            toMosaic.Headers.Location!,
            attacker.CookieValue(SmsOtpTestApp.AppBase, MosaicSmsOtpDefaults.FlowCookieName)!,
            attacker.CookieValue(SmsOtpTestApp.AppBase, SecurityTestKit.CodeAcceptedCookieName)!);
    }

    [Fact]
    public async Task B46_Local_HTTP_development_works_the_cookie_goes_without_the_prefix_scoped_to_the_handlers_paths()
    {
        var httpBase = new Uri("http://app.test/");
        await using var app = await SmsOtpTestApp.StartAsync(
            handler: o => o.FlowCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest,
            emulator: o => o.Clients[0].AllowedRedirectUris.Add(new Uri(httpBase, MosaicSmsOtpDefaults.CallbackPath).AbsoluteUri));
        var browser = new TestBrowser(httpBase, new Dictionary<string, HttpMessageHandler>
        {
            [httpBase.Authority] = app.Server.CreateHandler(),
            [app.Emulator.BaseAddress.Authority] = app.Emulator.CreateHandler(),
        });

        var phonePage = await browser.OpenPhonePageAsync();
        using var sent = await browser.SubmitPhoneAsync(phonePage);
        var flowCookie = sent.SetCookie("SmsOtp.Flow");
        Assert.NotNull(flowCookie);
        var attributes = flowCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToArray();
        Assert.DoesNotContain("secure", attributes);
        Assert.Contains("path=/signin-sms", attributes);
        Assert.Null(sent.SetCookie(MosaicSmsOtpDefaults.FlowCookieName));

        var callback = await browser.SubmitCodeToCallbackUrlAsync(await browser.OpenCodePageAsync(), app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        using var landed = await browser.GetAsync(callback.AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("http://app.test/secure", browser.CurrentUrl!.AbsoluteUri);
    }

    [Theory]
    [InlineData("domain")]
    [InlineData("path")]
    public async Task B46_A_Host_prefixed_cookie_with_a_Domain_or_a_narrower_Path_fails_at_start(string setting)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => SmsOtpTestApp.StartAsync(handler: o =>
        {
            if (setting == "domain")
            {
                o.FlowCookie.Domain = "app.test";
            }
            else
            {
                o.FlowCookie.Path = "/signin-sms";
            }
        }));

        Assert.Contains("MosaicSmsOtpOptions.FlowCookie: a '__Host-' cookie", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task B46_Control_a_name_without_the_prefix_is_the_apps_choice_and_stays_scoped_to_the_handlers_paths()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.FlowCookie.Name = "MyApp.Flow");
        var browser = app.CreateBrowser();

        using var sent = await browser.SubmitPhoneAsync(await browser.OpenPhonePageAsync());
        var flowCookie = sent.SetCookie("MyApp.Flow")!;
        Assert.Contains("path=/signin-sms", flowCookie.Split(';').Select(a => a.Trim().ToLowerInvariant()));
        using var landed = await browser.SubmitCodeAsync(await browser.OpenCodePageAsync(), app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code, followRedirects: true);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/secure", browser.CurrentUrl!.AbsolutePath);
    }

    private static string ReturnUrlField(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"returnUrl\" value=\"([^\"]*)\"");
        Assert.True(match.Success, "the phone page carries no return URL");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
