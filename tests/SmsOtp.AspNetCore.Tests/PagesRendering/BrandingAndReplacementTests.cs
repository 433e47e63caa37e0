using System.Net;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.PagesRendering;

/// <summary>Branding options, the app's layout and components, and the pages' Content-Security-Policy.</summary>
public sealed class BrandingAndReplacementTests
{
    [Fact]
    public async Task Branding_shows_the_name_in_header_and_title_the_logo_the_home_link_and_the_stylesheet_allowed_by_CSP()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o =>
        {
            o.Pages.DisplayName = "Contoso <Bank>";
            o.Pages.LogoUrl = "https://cdn.contoso.example/logo.svg";
            o.Pages.HomeUrl = "/";
            o.Pages.StylesheetUrl = "/css/brand.css";
            o.Pages.CssVariables["--smsotp-accent"] = "#6d28d9";
            o.Pages.ColorScheme = MosaicSmsOtpColorScheme.Dark;
        });
        var browser = app.CreateBrowser();

        using var response = await browser.GetAsync("/secure");
        // HtmlEncoder.Default writes non-ASCII as character references ("·" is &#xB7;); markup stays encoded.
        var html = (await response.Content.ReadAsStringAsync()).Replace("&#xB7;", "·", StringComparison.Ordinal);

        Assert.Contains("<title>Sign in with your phone · Contoso &lt;Bank&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("<span>Contoso &lt;Bank&gt;</span>", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"https://cdn.contoso.example/logo.svg\" alt=\"\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\">Back to Contoso &lt;Bank&gt;</a>", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/css/brand.css\"", html, StringComparison.Ordinal);
        Assert.Contains(":root:root:root{--smsotp-accent:#6d28d9;}", html, StringComparison.Ordinal);
        Assert.Contains("data-color-scheme=\"dark\"", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"color-scheme\" content=\"dark\"", html, StringComparison.Ordinal);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("style-src 'unsafe-inline' 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("img-src https://cdn.contoso.example;", csp, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none';", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_branding_there_is_no_header_the_scheme_follows_the_system_and_nothing_external_is_allowed()
    {
        await using var app = await SmsOtpTestApp.StartAsync();

        using var response = await app.CreateBrowser().GetAsync("/secure");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<header", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\"><head>", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"color-scheme\" content=\"light dark\"", html, StringComparison.Ordinal);
        Assert.Contains("@media (prefers-color-scheme:dark)", html, StringComparison.Ordinal);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.DoesNotContain("img-src", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'unsafe-inline';", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_page_runs_WebOTP_under_the_CSP_nonce_of_its_own_response()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        await browser.StartAndSendCodeAsync();

        using var response = await browser.GetAsync(MosaicSmsOtpDefaults.VerifyPath);
        var html = await response.Content.ReadAsStringAsync();
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();

        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"<script nonce=\"{WebUtility.HtmlEncode(nonce).Replace("+", "&#x2B;", StringComparison.Ordinal)}\">", html, StringComparison.Ordinal);
        Assert.Contains("navigator.credentials.get({otp:{transport:['sms']}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebOtp_off_leaves_the_code_page_without_a_script()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.Pages.WebOtp = false);

        var codePage = await app.CreateBrowser().StartAndSendCodeAsync();

        Assert.DoesNotContain("<script", codePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_apps_code_page_gets_the_model_posts_the_same_fields_and_signs_in()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.Pages.CodePage = typeof(TestCodePage));
        var browser = app.CreateBrowser();

        var codePage = await browser.StartAndSendCodeAsync();

        Assert.Contains("<h1 data-app-page=\"code\">App code page: Enter your code</h1>", codePage, StringComparison.Ordinal);
        Assert.Contains("<p id=\"masked\">", codePage, StringComparison.Ordinal);
        Assert.DoesNotContain("16175551212", codePage, StringComparison.Ordinal);
        Assert.Contains("<p id=\"resend\">/signin-sms/resend /signin-sms en Verify</p>", codePage, StringComparison.Ordinal);
        Assert.Contains("<p id=\"error\">(none)</p>", codePage, StringComparison.Ordinal);
        Assert.Contains("<main>", codePage, StringComparison.Ordinal);   // no aria-labelledby to a heading the app may not have

        var code = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;
        using var landed = await browser.SubmitCodeAsync(codePage, code, followRedirects: true);
        Assert.Equal("/secure", browser.CurrentUrl!.AbsolutePath);
    }

    [Fact]
    public async Task The_apps_layout_wraps_every_page_and_keeps_the_document_head()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.Pages.Layout = typeof(TestLayout));

        var phonePage = await app.CreateBrowser().OpenPhonePageAsync();

        Assert.Contains("<body><header>App banner for Sign in with your phone</header><main aria-labelledby=\"title\">", phonePage.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("<footer>App footer</footer>", phonePage, StringComparison.Ordinal);
        Assert.Contains("<title>Sign in with your phone</title>", phonePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_page_options_fail_at_start_naming_each_option()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => SmsOtpTestApp.StartAsync(handler: o =>
        {
            o.Pages.LogoUrl = "javascript:alert(1)";
            o.Pages.StylesheetUrl = "//evil.example/x.css";
            o.Pages.CssVariables["--smsotp-accent"] = "red;}body{display:none";
            o.Pages.CssVariables["color"] = "red";
            o.Pages.CodePage = typeof(string);
            o.Pages.PhonePage = typeof(TestLayout);
        }));

        var message = string.Join("\n", failure.Failures);
        Assert.Contains("Pages.LogoUrl", message, StringComparison.Ordinal);
        Assert.Contains("Pages.StylesheetUrl", message, StringComparison.Ordinal);
        Assert.Contains("Pages.CssVariables['--smsotp-accent']", message, StringComparison.Ordinal);
        Assert.Contains("Pages.CssVariables has the name 'color'", message, StringComparison.Ordinal);
        Assert.Contains("Pages.CodePage is String, which is not a component", message, StringComparison.Ordinal);
        Assert.Contains("Pages.PhonePage is TestLayout, which needs a parameter '[Parameter] public SmsOtpPhonePageModel Model", message, StringComparison.Ordinal);
    }
}
