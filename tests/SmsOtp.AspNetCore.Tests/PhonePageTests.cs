using System.Net;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests;

/// <summary>The phone page: the challenge that leads to it, its form, and bad input.</summary>
public sealed class PhonePageTests
{
    [Fact]
    public async Task The_challenge_redirects_to_the_phone_page_and_keeps_the_page_asked_for()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();

        using var response = await browser.GetAsync("/secure?tab=2", followRedirects: false);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/signin-sms", response.Headers.Location!.OriginalString);
        var flowCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-SmsOtp.Flow.Start=", StringComparison.Ordinal));
        Assert.Contains("path=/;", flowCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", flowCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", flowCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", flowCookie, StringComparison.OrdinalIgnoreCase);

        using var landed = await browser.SignInAsync(app, "/secure?tab=2");
        Assert.Equal("/secure?tab=2", browser.CurrentUrl!.PathAndQuery);
    }

    [Fact]
    public async Task The_phone_page_is_a_labelled_form_with_an_antiforgery_token()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();

        using var response = await browser.GetAsync("/signin-sms");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/signin-sms\"", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"phone_number\">Mobile number</label>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"phone_number\" type=\"tel\" autocomplete=\"tel\"", html, StringComparison.Ordinal);
        Assert.NotEmpty(TestBrowser.AntiforgeryToken(html));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("call me")]
    [InlineData("+1 555")]
    [InlineData("6175551212")]
    public async Task A_bad_number_re_renders_the_phone_page_with_400_and_a_message(string typed)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var response = await browser.SubmitPhoneAsync(phonePage, typed);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"phone_number_error\" class=\"error\" role=\"alert\">", html, StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.Counters.Get(Testing.MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task A_number_typed_without_a_plus_is_read_with_the_default_region()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.PhoneNumbers.DefaultRegion = "US");
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var response = await browser.SubmitPhoneAsync(phonePage, "(617) 555-1212");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.NotNull(app.Emulator.Outbox.GetLatest("+16175551212"));
    }

    [Fact]
    public async Task A_JSON_client_gets_problem_details_instead_of_a_page()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var response = await browser.PostFormAsync("/signin-sms", [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(phonePage)), new("phone_number", "nope")], followRedirects: false, accept: "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("invalid_phone_number", problem.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Opening_the_phone_page_directly_with_a_local_ReturnUrl_returns_there_after_sign_in()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        using var page = await browser.GetAsync("/signin-sms?ReturnUrl=%2Fsecure%3Ffrom%3Dlink");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("name=\"returnUrl\" value=\"/secure?from=link\"", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        using var sent = await browser.PostFormAsync("/signin-sms", [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(html)), new("phone_number", SignInDriver.PhoneNumber), new("returnUrl", "/secure?from=link")], followRedirects: true);
        using var landed = await browser.SubmitCodeAsync(await sent.Content.ReadAsStringAsync(), app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code, followRedirects: true);

        Assert.Equal("/secure?from=link", browser.CurrentUrl!.PathAndQuery);
        Assert.Empty(app.HandlerLogs(MosaicSmsOtpLogEvents.FlowCookieMissing));
    }

    [Fact]
    public async Task Methods_other_than_GET_and_POST_get_405()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();

        using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Put, "https://app.test/signin-sms"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, POST", response.Content.Headers.Allow.Count == 0 ? string.Join(", ", response.Headers.GetValues("Allow")) : string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task A_POST_with_Origin_null_is_refused_and_the_log_names_the_likely_Referrer_Policy_cause()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var response = await browser.PostFormAsync("/signin-sms", [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(phonePage)), new("phone_number", SignInDriver.PhoneNumber)], followRedirects: false, origin: "null");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(app.HandlerLogs(MosaicSmsOtpLogEvents.RequestRefused), r => r.Message.Contains("Referrer-Policy: no-referrer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_pages_let_their_forms_reach_a_configured_public_redirect_host()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.RedirectUri = new Uri("https://public.example/signin-sms/callback"));
        var browser = app.CreateBrowser();

        using var response = await browser.GetAsync("/signin-sms");

        Assert.Contains("form-action 'self' https://mosaic.emulator.test https://public.example;", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
