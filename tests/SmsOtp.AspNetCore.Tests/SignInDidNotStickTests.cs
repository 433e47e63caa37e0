using SmsOtp.AspNetCore.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests;

/// <summary>
/// A person challenged again right after completing the callback is told the sign-in could not be completed (and the
/// log says why), instead of being sent round the phone page again and again.
/// </summary>
public sealed class SignInDidNotStickTests
{
    [Fact]
    public async Task UseAuthorization_before_UseAuthentication_ends_on_a_page_and_a_warning_naming_the_middleware_order()
    {
        // The app's pipeline authorizes before it authenticates: the session cookie arrives, but nobody reads it.
        await using var app = await SmsOtpTestApp.StartAsync(beforeAuthentication: web => web.UseAuthorization());
        var browser = app.CreateBrowser();

        using var landed = await browser.SignInAsync(app);

        Assert.Equal(HttpStatusCode.Unauthorized, landed.StatusCode);
        Assert.Equal("/secure", browser.CurrentUrl!.AbsolutePath);
        var page = await landed.Content.ReadAsStringAsync();
        Assert.Contains("Sign-in not completed", page, StringComparison.Ordinal);
        Assert.Contains("You completed the sign-in, but this site could not keep you signed in", page, StringComparison.Ordinal);
        var warning = Assert.Single(app.HandlerLogs(MosaicSmsOtpLogEvents.SignInNotReadBack));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("UseAuthentication() after UseAuthorization()", warning.Message, StringComparison.Ordinal);
        Assert.Empty(app.Emulator.Outbox.GetMessages().Skip(1));
    }

    [Fact]
    public async Task A_session_cookie_that_never_comes_back_ends_on_the_page_and_a_warning_naming_the_cookie_causes()
    {
        // The session cookie is scoped to a path the protected page is not on: the browser never sends it there.
        await using var app = await SmsOtpTestApp.StartAsync(services: s => s.Configure<CookieAuthenticationOptions>(
            CookieAuthenticationDefaults.AuthenticationScheme, o => o.Cookie.Path = "/elsewhere"));
        var browser = app.CreateBrowser();

        using var landed = await browser.SignInAsync(app);

        Assert.Equal(HttpStatusCode.Unauthorized, landed.StatusCode);
        var warning = Assert.Single(app.HandlerLogs(MosaicSmsOtpLogEvents.SignInNotStored));
        Assert.Contains("did not come back", warning.Message, StringComparison.Ordinal);
        Assert.Contains("SameSite=Strict", warning.Message, StringComparison.Ordinal);
        Assert.Contains("a second sign-in scheme", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_page_the_next_attempt_starts_a_new_sign_in()
    {
        await using var app = await SmsOtpTestApp.StartAsync(beforeAuthentication: web => web.UseAuthorization());
        var browser = app.CreateBrowser();
        using var landed = await browser.SignInAsync(app);

        using var again = await browser.GetAsync("/secure", followRedirects: false);

        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal("/signin-sms", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_sign_in_that_sticks_then_a_sign_out_is_challenged_normally_right_away()
    {
        await using var app = await SmsOtpTestApp.StartAsync(beforeAuthentication: web => web.MapGet("/signout", async context =>
            await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignOutAsync(context, CookieAuthenticationDefaults.AuthenticationScheme)));
        var browser = app.CreateBrowser();
        using var landed = await browser.SignInAsync(app);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);

        using var signedOut = await browser.GetAsync("/signout");
        using var again = await browser.GetAsync("/secure", followRedirects: false);

        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal("/signin-sms", again.Headers.Location!.OriginalString);
        Assert.Empty(app.HandlerLogs(MosaicSmsOtpLogEvents.SignInNotReadBack));
        Assert.Empty(app.HandlerLogs(MosaicSmsOtpLogEvents.SignInNotStored));
    }
}
