using System.Net;
using Microsoft.AspNetCore.Authentication;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>Checklist B-9: return URLs are vetted when the flow starts, so the final redirect never leaves the site.</summary>
public sealed class OpenRedirectTests
{
    public static TheoryData<string, string> ReturnUrls => new()
    {
        { "https://evil.test/", "/" },
        { "//evil.test/", "/" },
        { "/\\evil.test/", "/" },
        { "/\t/evil.test/", "/" },
        { "/\r\n/evil.test/", "/" },
        { "javascript:alert(1)", "/" },
        { "~//evil.test/", "/" },
        { "~/\\evil.test/", "/" },
        { "https://app.test@evil.test/", "/" },
        // A percent-encoded tab is not stripped by browsers: it stays a path on this site.
        { "/%09/evil.test/", "/%09/evil.test/" },
        { "/secure?x=1", "/secure?x=1" },
    };

    [Theory]
    [MemberData(nameof(ReturnUrls))]
    public async Task B09_A_return_URL_given_to_the_challenge_ends_on_this_site(string returnUrl, string expected)
    {
        await using var app = await SmsOtpTestApp.StartAsync(beforeAuthentication: MapLogin);
        var browser = app.CreateBrowser();

        var codePage = await browser.StartAndSendCodeAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var callback = await browser.SubmitCodeToCallbackUrlAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        using var landed = await browser.GetAsync(callback.AbsoluteUri, followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal(expected, landed.Headers.Location!.OriginalString);
        Assert.NotNull(landed.SetCookie(SecurityTestKit.AuthCookieName));
        if (expected == "/")
        {
            Assert.Contains(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.ReturnUrlReplaced);
        }
    }

    [Theory]
    [MemberData(nameof(ReturnUrls))]
    public async Task B09_A_return_URL_posted_with_the_phone_form_ends_on_this_site(string returnUrl, string expected)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageDirectlyAsync();

        using var sent = await browser.PostFormAsync(
            MosaicSmsOtpDefaults.SignInPath,
            [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(phonePage)), new("phone_number", SignInDriver.PhoneNumber), new("returnUrl", returnUrl)],
            followRedirects: false);
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        var callback = await browser.SubmitCodeToCallbackUrlAsync(await browser.OpenCodePageAsync(), app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        using var landed = await browser.GetAsync(callback.AbsoluteUri, followRedirects: false);

        Assert.Equal(expected, landed.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("https://evil.test/")]
    [InlineData("//evil.test/")]
    [InlineData("/\\evil.test/")]
    public async Task B09_The_phone_page_does_not_carry_a_foreign_return_URL_into_its_form(string returnUrl)
    {
        await using var app = await SmsOtpTestApp.StartAsync();

        var page = await app.CreateBrowser().OpenPhonePageDirectlyAsync("?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.DoesNotContain("name=\"returnUrl\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.test", page, StringComparison.Ordinal);
    }

    private static void MapLogin(WebApplication app)
        => app.MapGet("/login", (string? returnUrl) => Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [MosaicSmsOtpDefaults.AuthenticationScheme]));
}
