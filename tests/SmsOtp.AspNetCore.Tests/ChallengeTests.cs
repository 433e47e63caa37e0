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
