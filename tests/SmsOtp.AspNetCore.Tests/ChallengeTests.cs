using System.Net;
using Microsoft.AspNetCore.Authentication;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests;

/// <summary>What a challenge does for page navigations, script requests, flows in progress and mapped branches.</summary>
public sealed class ChallengeTests
{
    [Theory]
    [InlineData("Sec-Fetch-Mode", "cors")]
    [InlineData("X-Requested-With", "XMLHttpRequest")]
    [InlineData("Accept", "application/json")]
    public async Task A_script_request_gets_401_with_the_sign_in_page_in_Location_and_starts_no_flow(string header, string value)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://app.test/secure");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await browser.SendAsync(request, followRedirects: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("/signin-sms", response.Headers.Location!.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_page_navigation_labelled_by_the_browser_is_redirected()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://app.test/secure");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Mode", "navigate");

        using var response = await browser.SendAsync(request, followRedirects: false);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-SmsOtp.Flow.Start=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_Blazor_enhanced_navigation_or_form_post_starts_the_flow_and_tells_blazor_to_load_the_phone_page(string method)
    {
        await using var app = await SmsOtpTestApp.StartAsync(beforeAuthentication: web => web.MapPost("/secure", () => "posted").RequireAuthorization());
        var browser = app.CreateBrowser();
        // What blazor.web.js sends for an enhanced navigation (a fetch in no-cors mode) and for an enhanced form.
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://app.test/secure?page=2");
        request.Headers.TryAddWithoutValidation("Accept", "text/html; blazor-enhanced-nav=on");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Mode", "no-cors");
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent([new("x", "1")]);
        }

        using var response = await browser.SendAsync(request, followRedirects: false);

        // Not a 3xx: fetch would follow it and Blazor would patch (GET) or refuse (POST) the non-Blazor phone page.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("/signin-sms", Assert.Single(response.Headers.GetValues("blazor-enhanced-nav-redirect-location")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-SmsOtp.Flow.Start=", StringComparison.Ordinal));

        // The start cookie carries the return URL: the phone page, then the code, lands back on the Blazor page.
        var codePage = await browser.StartAndSendCodeAsync(protectedPath: "/signin-sms");
        using var landed = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code, followRedirects: true);
        Assert.Equal("/secure?page=2", browser.CurrentUrl!.PathAndQuery);
    }

    [Fact]
    public async Task A_fetch_for_html_that_is_not_Blazor_s_keeps_its_401_and_starts_no_flow()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://app.test/secure");
        request.Headers.TryAddWithoutValidation("Accept", "text/html; blazor-enhanced-nav=on, application/json");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Mode", "cors");

        using var response = await browser.SendAsync(request, followRedirects: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("blazor-enhanced-nav-redirect-location"));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_challenge_in_another_tab_does_not_end_the_sign_in_in_progress()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        using var otherTab = await browser.GetAsync("/secure?other=tab", followRedirects: false);
        Assert.Equal(HttpStatusCode.SeeOther, otherTab.StatusCode);
        Assert.DoesNotContain(otherTab.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-SmsOtp.Flow=", StringComparison.Ordinal));

        using var landed = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code, followRedirects: true);
        Assert.Equal("/secure", browser.CurrentUrl!.PathAndQuery);
    }

    [Fact]
    public async Task OnRedirectToSignIn_can_take_over_the_redirect()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.Events.OnRedirectToSignIn = context =>
        {
            context.Response.Redirect(context.RedirectUri + "?campaign=spring");
            return Task.CompletedTask;
        });
        var browser = app.CreateBrowser();

        using var response = await browser.GetAsync("/secure", followRedirects: false);

        Assert.Equal("/signin-sms?campaign=spring", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_challenge_inside_a_mapped_branch_scopes_the_flow_cookie_to_the_app_s_own_path()
    {
        // A name without __Host- (which always has Path=/) is scoped to the handler's paths.
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.FlowCookie.Name = "MyApp.Flow", beforeAuthentication: web =>
        {
            web.UseAuthentication();
            web.Map("/admin", branch => branch.Run(context => context.ChallengeAsync()));
        });
        var browser = app.CreateBrowser();

        using var response = await browser.GetAsync("/admin/reports", followRedirects: false);

        var flowCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("MyApp.Flow.Start=", StringComparison.Ordinal));
        Assert.Contains("path=/signin-sms;", flowCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("/signin-sms", response.Headers.Location!.OriginalString);
    }
}
