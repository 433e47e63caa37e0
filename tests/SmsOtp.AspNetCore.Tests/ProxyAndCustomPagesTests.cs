using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests;

/// <summary>Apps behind reverse proxies, and apps that bring their own pages.</summary>
public sealed class ProxyAndCustomPagesTests
{
    private const string PublicCallback = "https://public.example/signin-sms/callback";

    [Fact]
    public async Task Behind_a_proxy_UseForwardedHeaders_makes_the_redirect_uri_the_public_one()
    {
        await using var app = await SmsOtpTestApp.StartAsync(
            emulator: o => o.Clients[0].AllowedRedirectUris.Add(PublicCallback),
            beforeAuthentication: web =>
            {
                var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost };
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                web.UseForwardedHeaders(forwarded);
            });
        var browser = app.CreateBrowserBehindProxy(new Uri("https://public.example/"), forwardHeaders: true);

        using var landed = await browser.SignInAsync(app);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Contains(browser.History, u => u.GetLeftPart(UriPartial.Path) == PublicCallback);
    }

    [Fact]
    public async Task An_absolute_RedirectUri_option_is_sent_to_Mosaic_as_it_is()
    {
        await using var app = await SmsOtpTestApp.StartAsync(
            handler: o => o.RedirectUri = new Uri(PublicCallback),
            emulator: o => o.Clients[0].AllowedRedirectUris.Add(PublicCallback));
        var browser = app.CreateBrowserBehindProxy(new Uri("https://public.example/"), forwardHeaders: false);

        using var landed = await browser.SignInAsync(app);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Contains(browser.History, u => u.GetLeftPart(UriPartial.Path) == PublicCallback);
    }

    [Fact]
    public async Task With_built_in_pages_off_the_app_serves_its_own_pages_and_posts_the_same_fields()
    {
        await using var app = await SmsOtpTestApp.StartAsync(
            handler: o => o.UseBuiltInPages = false,
            services: s => s.AddAntiforgery(),
            beforeAuthentication: web =>
            {
                web.MapGet("/signin-sms", (HttpContext context, IAntiforgery antiforgery) => Results.Content(
                    $"<form method=post action=/signin-sms><input type=hidden name=\"__RequestVerificationToken\" value=\"{antiforgery.GetAndStoreTokens(context).RequestToken}\"><input name=phone_number></form>{context.Request.Query["error"]}",
                    "text/html"));
                web.MapGet("/signin-sms/verify", (HttpContext context, IAntiforgery antiforgery) => Results.Content(
                    $"<h1>my code page</h1><p>sent to {context.Features.Get<IMosaicSmsOtpFlowFeature>()?.MaskedPhoneNumber}</p><input type=hidden name=\"__RequestVerificationToken\" value=\"{antiforgery.GetAndStoreTokens(context).RequestToken}\">error={context.Request.Query["error"]}",
                    "text/html"));
            });
        var browser = app.CreateBrowser();

        var codePage = await browser.StartAndSendCodeAsync();
        Assert.Contains("my code page", codePage, StringComparison.Ordinal);
        Assert.Contains("sent to +1******1212", codePage, StringComparison.Ordinal);

        using var wrong = await browser.SubmitCodeAsync(codePage, "00000000", followRedirects: true);
        Assert.Contains("error=invalid_code", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var landed = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code, followRedirects: true);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/secure", browser.CurrentUrl!.AbsolutePath);
    }
}
