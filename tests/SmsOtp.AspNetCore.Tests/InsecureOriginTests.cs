using SmsOtp.AspNetCore.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests;

/// <summary>
/// Nothing is paid for that cannot work: a phone page opened over plain http on a staging host would get its SMS, then
/// lose the Secure flow cookie. The send is refused before Mosaic is called.
/// </summary>
public sealed class InsecureOriginTests
{
    [Theory]
    [InlineData("Production", "Sign-in is not available over an insecure connection. Open this site&#x27;s https:// address and try again. No code was sent.")]
    [InlineData("Development", "Serve the app over HTTPS; behind a TLS-terminating proxy, open its https:// address and call app.UseForwardedHeaders() before UseAuthentication(); for local plain-HTTP testing only, set FlowCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest.")]
    public async Task A_phone_post_from_an_http_page_on_a_non_loopback_host_sends_no_sms_and_says_why(string environment, string expected)
    {
        await using var app = await StartBehindPlainHttpAsync(environment);
        var browser = app.CreateBrowserBehindProxy(new Uri("http://staging.example/"), forwardHeaders: true);

        var phonePage = await browser.OpenPhonePageAsync();
        using var response = await browser.SubmitPhoneAsync(phonePage);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(app.Emulator.Outbox.GetMessages());
        var log = Assert.Single(app.HandlerLogs(MosaicSmsOtpLogEvents.FlowCookieWouldBeDropped));
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Contains("plain http://staging.example", log.Message, StringComparison.Ordinal);
        Assert.Contains("FlowCookie.SecurePolicy = SameAsRequest", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_client_gets_problem_details_with_insecure_origin()
    {
        await using var app = await StartBehindPlainHttpAsync("Production");
        var browser = app.CreateBrowserBehindProxy(new Uri("http://staging.example/"), forwardHeaders: true);
        var phonePage = await browser.OpenPhonePageAsync();

        using var response = await browser.PostFormAsync(
            MosaicSmsOtpDefaults.SignInPath,
            [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(phonePage)), new("phone_number", SignInDriver.PhoneNumber)],
            followRedirects: false,
            accept: "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"error\":\"insecure_origin\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(app.Emulator.Outbox.GetMessages());
    }

    [Fact]
    public async Task With_SecurePolicy_SameAsRequest_the_http_cookie_can_come_back_and_the_code_is_sent()
    {
        await using var app = await StartBehindPlainHttpAsync("Production", o => o.FlowCookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
        var browser = app.CreateBrowserBehindProxy(new Uri("http://staging.example/"), forwardHeaders: true);

        var phonePage = await browser.OpenPhonePageAsync();
        using var response = await browser.SubmitPhoneAsync(phonePage);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Single(app.Emulator.Outbox.GetMessages());
        Assert.Empty(app.HandlerLogs(MosaicSmsOtpLogEvents.FlowCookieWouldBeDropped));
    }

    [Fact]
    public async Task Behind_a_TLS_terminating_proxy_the_browser_s_https_origin_signs_in()
    {
        // The app itself sees plain http from the proxy (no forwarded headers); the browser is on https.
        await using var app = await SmsOtpTestApp.StartAsync(
            handler: o => o.RedirectUri = new Uri("https://public.example/signin-sms/callback"),
            emulator: o => o.Clients[0].AllowedRedirectUris.Add("https://public.example/signin-sms/callback"));
        var browser = app.CreateBrowserBehindProxy(new Uri("https://public.example/"), forwardHeaders: false);

        using var landed = await browser.SignInAsync(app);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/secure", browser.CurrentUrl!.AbsolutePath);
        Assert.Empty(app.HandlerLogs(MosaicSmsOtpLogEvents.FlowCookieWouldBeDropped));
    }

    /// <summary>A staging box served over plain http through a proxy that forwards scheme and host.</summary>
    private static Task<SmsOtpTestApp> StartBehindPlainHttpAsync(string environment, Action<MosaicSmsOtpOptions>? handler = null)
        => SmsOtpTestApp.StartAsync(
            handler: handler,
            services: s => s.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment }),
            emulator: o => o.Clients[0].AllowedRedirectUris.Add("http://staging.example/signin-sms/callback"),
            beforeAuthentication: web =>
            {
                var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost };
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                web.UseForwardedHeaders(forwarded);
            });
}
