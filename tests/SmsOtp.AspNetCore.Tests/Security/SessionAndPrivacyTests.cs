using System.Net;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>Checklist B-30 to B-32: a fresh session after sign-in, and no secrets or full numbers in logs, URLs or pages.</summary>
public sealed class SessionAndPrivacyTests
{
    private static readonly Uri App = SmsOtpTestApp.AppBase;

    [Fact]
    public async Task B30_Sign_in_issues_a_new_session_cookie_replacing_a_planted_one_and_deletes_the_flow_cookie()
    {
        await using var app = await SmsOtpTestApp.StartAsync();

        // The attacker signs in and plants their own session cookie in the victim's browser (login CSRF / fixation).
        var attacker = app.CreateBrowser();
        using (await attacker.SignInAsync(app, phoneNumber: "+16175550199"))
        {
        }

        var planted = attacker.CookieValue(App, SecurityTestKit.AuthCookieName)!;
        var victim = app.CreateBrowser();
        victim.Cookies.Add(new Cookie(SecurityTestKit.AuthCookieName, planted, "/", "app.test") { Secure = true });

        // Already "signed in" as the attacker, the victim opens the sign-in page and signs in as themself.
        using (var sent = await victim.SubmitPhoneAsync(await victim.OpenPhonePageDirectlyAsync()))
        {
            Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        }

        var callback = await victim.SubmitCodeToCallbackUrlAsync(await victim.OpenCodePageAsync(), app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        using var landed = await victim.GetAsync(callback.AbsoluteUri, followRedirects: false);

        var session = landed.SetCookie(SecurityTestKit.AuthCookieName)!;
        Assert.NotNull(session);
        Assert.NotEqual(planted, victim.CookieValue(App, SecurityTestKit.AuthCookieName));
        var attributes = session.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToArray();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("expires=Thu, 01 Jan 1970", landed.SetCookie(MosaicSmsOtpDefaults.FlowCookieName), StringComparison.OrdinalIgnoreCase);

        using var whoami = await victim.GetAsync("/whoami");
        var claims = await whoami.Content.ReadAsStringAsync();
        Assert.Contains(SignInDriver.PhoneNumber, claims, StringComparison.Ordinal);
        Assert.DoesNotContain("+16175550199", claims, StringComparison.Ordinal);
    }

    [Fact]
    public async Task B31_Every_failure_path_at_Trace_level_logs_no_code_token_secret_result_URI_or_full_number()
    {
        await using var app = await SmsOtpTestApp.StartAsync(beforeAuthentication: a => a.UseTestPeerAddress());
        var authorizationCodes = new List<string>();
        var resultUris = new List<string>();

        // Each step asserts its answer: a log test whose failure paths did not run would prove nothing.
        // Malformed number, cross-site post, missing antiforgery token, oversized body.
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();
        await ExpectAsync(HttpStatusCode.BadRequest, browser.SubmitPhoneAsync(phonePage, "+1617555121"));
        await ExpectAsync(HttpStatusCode.Forbidden, browser.PostFormAsync(MosaicSmsOtpDefaults.SignInPath, [new("phone_number", SignInDriver.PhoneNumber)], followRedirects: false, origin: "https://evil.test"));
        await ExpectAsync(HttpStatusCode.BadRequest, browser.PostFormAsync(MosaicSmsOtpDefaults.SignInPath, [new("phone_number", SignInDriver.PhoneNumber)], followRedirects: false));
        await ExpectAsync(HttpStatusCode.RequestEntityTooLarge, browser.PostFormAsync(MosaicSmsOtpDefaults.SignInPath, [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(phonePage)), new("phone_number", SignInDriver.PhoneNumber + new string(' ', 16 * 1024))], followRedirects: false));

        // Send failures: 500, 429, 401 twice (the retry with a new client token is refused too).
        foreach (var (status, answered) in new[] { (500, HttpStatusCode.ServiceUnavailable), (429, HttpStatusCode.TooManyRequests), (401, HttpStatusCode.ServiceUnavailable) })
        {
            app.Time.Advance(TimeSpan.FromSeconds(61));   // a failed send still starts the number's cooldown
            app.Emulator.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = status, Times = 2 });
            await ExpectAsync(answered, browser.SubmitPhoneAsync(phonePage));
            app.Emulator.Faults.Clear();
        }

        // A code sent; wrong, malformed, failing upstream, throttled by cooldown, then accepted.
        app.Time.Advance(TimeSpan.FromSeconds(61));
        var codePage = await browser.StartAndSendCodeAsync();
        var code = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;
        await ExpectAsync(HttpStatusCode.BadRequest, browser.SubmitCodeAsync(codePage, SecurityTestKit.WrongCode(code)));
        await ExpectAsync(HttpStatusCode.BadRequest, browser.SubmitCodeAsync(codePage, "12ab"));
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.ValidateSms, new MosaicEmulatorFault { StatusCode = 503, Times = 1 });
        await ExpectAsync(HttpStatusCode.ServiceUnavailable, browser.SubmitCodeAsync(codePage, code));
        await ExpectAsync(HttpStatusCode.TooManyRequests, browser.SubmitPhoneAsync(await browser.OpenPhonePageAsync()));
        var callback = await browser.SubmitCodeToCallbackUrlAsync(codePage, code);
        authorizationCodes.Add(CodeOf(callback));

        // Callback failures: every ID-token fault, a failing exchange, Mosaic's error (with a flow), no flow.
        var n = 0;
        var idTokenFaults = Enum.GetValues<MosaicEmulatorIdTokenFault>().Where(f => f != MosaicEmulatorIdTokenFault.None).ToList();
        foreach (var fault in idTokenFaults)
        {
            app.Emulator.Faults.IdToken = fault;
            var other = app.CreateBrowser();
            var otherCallback = await other.GetCallbackUrlAsync(app, "+1617555" + (7000 + n++).ToString(System.Globalization.CultureInfo.InvariantCulture));
            authorizationCodes.Add(CodeOf(otherCallback));
            await ExpectAsync(HttpStatusCode.BadRequest, other.GetAsync(otherCallback.AbsoluteUri, followRedirects: false));
        }

        Assert.Equal(idTokenFaults.Count, app.HandlerEvents().Count(r => r.Id.Id == MosaicSmsOtpLogEvents.IdTokenRefused));
        app.Emulator.Faults.Clear();
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.TokenAuthorizationCode, new MosaicEmulatorFault { StatusCode = 500, Times = 1 });
        await ExpectAsync(HttpStatusCode.ServiceUnavailable, browser.GetAsync(callback.AbsoluteUri, followRedirects: false));
        var denied = app.CreateBrowser();
        var deniedPage = await denied.StartAndSendCodeAsync(phoneNumber: "+16175550144");
        // Mosaic accepts the code first: only then can a callback end the flow (B-44), and its error reach the handler.
        using (var accepted = await denied.SubmitCodeAsync(deniedPage, app.Emulator.Outbox.GetLatest("+16175550144")!.Code))
        {
            Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        }

        await ExpectAsync(HttpStatusCode.BadRequest, denied.GetAsync(MosaicSmsOtpDefaults.CallbackPath + "?error=access_denied&error_description=%2B16175551212", followRedirects: false));
        Assert.Single(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.CallbackError);   // Mosaic's error reached the handler: the flow was there
        await ExpectAsync(HttpStatusCode.BadRequest, app.CreateBrowser().GetAsync(MosaicSmsOtpDefaults.CallbackPath + "?code=x", followRedirects: false));

        // And one sign-in that works.
        app.Time.Advance(TimeSpan.FromMinutes(2));
        var good = app.CreateBrowser();
        var goodPage = await good.StartAndSendCodeAsync(phoneNumber: "+16175550143");
        using (var validated = await good.SubmitCodeAsync(goodPage, app.Emulator.Outbox.GetLatest("+16175550143")!.Code))
        {
            Assert.Equal(HttpStatusCode.SeeOther, validated.StatusCode);
            resultUris.Add(validated.Headers.Location!.Query);
        }

        var logs = app.Logs.GetSnapshot();
        Assert.Contains(logs, r => r.Level == Microsoft.Extensions.Logging.LogLevel.Trace || r.Level == Microsoft.Extensions.Logging.LogLevel.Debug);
        LogScrubber.AssertClean(logs, [SmsOtpTestApp.ClientSecret, .. app.Emulator.Outbox.GetMessages().Select(m => m.Code)]);

        // The request URL of the callback is ASP.NET Core's own hosting log (Information): host configuration, left out.
        var ours = logs.Where(r => r.Category != "Microsoft.AspNetCore.Hosting.Diagnostics").Select(r => string.Join("\n", r.Message, r.Exception?.ToString())).ToList();
        foreach (var secret in authorizationCodes.Concat(resultUris.Select(q => q.TrimStart('?'))))
        {
            Assert.DoesNotContain(ours, line => line.Contains(secret, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(ours, line => line.Contains("login_ticket", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, r => r.Category!.StartsWith("System.Net.Http.HttpClient." + MosaicSmsOtpDefaults.BackchannelHttpClientName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task B32_The_phone_number_travels_only_in_POST_bodies_and_pages_show_it_masked()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var locations = new List<string>();

        var phonePage = await browser.OpenPhonePageAsync();
        using var sent = await browser.SubmitPhoneAsync(phonePage);
        locations.Add(sent.Headers.Location!.OriginalString);
        var codePage = await browser.OpenCodePageAsync();
        using var tooSoon = await browser.SubmitPhoneAsync(phonePage);
        using var tooSoonJson = await browser.PostFormAsync(MosaicSmsOtpDefaults.SignInPath, [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(phonePage)), new("phone_number", SignInDriver.PhoneNumber)], followRedirects: false, accept: "application/json");
        using var wrong = await browser.SubmitCodeAsync(codePage, SecurityTestKit.WrongCode(app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code));
        using var landed = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code, followRedirects: true);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        // Each body below is the answer of the path it names, not an error page that would pass as well.
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoonJson.StatusCode);
        Assert.Equal("application/problem+json", tooSoonJson.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

        Assert.Contains("1******1212", codePage, StringComparison.Ordinal);
        foreach (var body in new[] { codePage, await tooSoon.Content.ReadAsStringAsync(), await tooSoonJson.Content.ReadAsStringAsync(), await wrong.Content.ReadAsStringAsync() })
        {
            Assert.DoesNotContain("6175551212", body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(browser.History.Select(u => u.AbsoluteUri).Concat(locations), url => url.Contains("6175551212", StringComparison.Ordinal) || url.Contains("5551212", StringComparison.Ordinal));
    }

    private static async Task ExpectAsync(HttpStatusCode expected, Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.Equal(expected, response.StatusCode);
    }

    private static string CodeOf(Uri callback) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(callback.Query)["code"].ToString();
}
