using System.Net;
using Microsoft.AspNetCore.Authentication;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests;

/// <summary>The callback path: Mosaic's redirect back, the code exchange, and what happens when it goes wrong.</summary>
public sealed class CallbackTests
{
    [Fact]
    public async Task A_callback_without_this_browser_s_flow_cookie_gets_a_400_page_and_a_warning_naming_the_cookie()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();

        using var response = await browser.GetAsync("/signin-sms/callback?code=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Start again", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
        var warning = Assert.Single(app.HandlerLogs(MosaicSmsOtpLogEvents.FlowCookieMissing));
        Assert.Contains("__Host-SmsOtp.Flow", warning.Message, StringComparison.Ordinal);
        Assert.Contains("SameSite", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(".AspNetCore.Cookies", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreadable_flow_cookie_logs_the_data_protection_hint()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        browser.Cookies.Add(new Uri("https://app.test/"), new System.Net.Cookie(MosaicSmsOtpDefaults.FlowCookieName, "CfDJ8-not-ours", "/"));

        using var response = await browser.GetAsync("/signin-sms/callback?code=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var warning = Assert.Single(app.HandlerLogs(MosaicSmsOtpLogEvents.FlowCookieUnreadable));
        Assert.Contains("data-protection key ring is not shared", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_final_redirect_carries_no_code_and_the_callback_sends_no_referrer()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        using var toMosaic = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        using var toCallback = await browser.GetAsync(toMosaic.Headers.Location!.AbsoluteUri, followRedirects: false);

        using var callback = await browser.GetAsync(toCallback.Headers.Location!.AbsoluteUri, followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/secure", callback.Headers.Location!.OriginalString);
        Assert.Equal("no-referrer", callback.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains(callback.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Cookies=", StringComparison.Ordinal));
        Assert.Contains(callback.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-SmsOtp.Flow=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_error_from_Mosaic_gets_a_400_page_through_RemoteFailure()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        await browser.GetCallbackUrlAsync(app);   // Mosaic accepted the code: its error path may now end the flow

        using var response = await browser.GetAsync("/signin-sms/callback?error=access_denied&error_description=nope");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(app.HandlerLogs(MosaicSmsOtpLogEvents.CallbackError), r => r.Message.Contains("access_denied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_app_s_RemoteFailure_handler_takes_over_the_failure()
    {
        Exception? seen = null;
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.Events.OnRemoteFailure = context =>
        {
            seen = context.Failure;
            context.Response.Redirect("/login-failed");
            context.HandleResponse();
            return Task.CompletedTask;
        });
        var browser = app.CreateBrowser();
        await browser.GetCallbackUrlAsync(app);

        using var response = await browser.GetAsync("/signin-sms/callback?error=server_error", followRedirects: false);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login-failed", response.Headers.Location!.OriginalString);
        Assert.Contains("server_error", seen!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_code_exchange_gives_a_503_page_and_no_sign_in()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.TokenAuthorizationCode, new MosaicEmulatorFault { StatusCode = 503 });
        var browser = app.CreateBrowser();

        using var response = await browser.SignInAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Null(browser.CookieValue(SmsOtpTestApp.AppBase, ".AspNetCore.Cookies"));
    }

    [Fact]
    public async Task SaveTokens_keeps_Mosaic_s_tokens_in_the_authentication_properties()
    {
        AuthenticationProperties? saved = null;
        await using var app = await SmsOtpTestApp.StartAsync(handler: o =>
        {
            o.SaveTokens = true;
            o.Events.OnTicketReceived = context =>
            {
                saved = context.Properties;
                return Task.CompletedTask;
            };
        });
        var browser = app.CreateBrowser();

        using var response = await browser.SignInAsync(app);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("eyJ", saved!.GetTokenValue("id_token"), StringComparison.Ordinal);
        Assert.StartsWith("eyJ", saved!.GetTokenValue("access_token"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(saved!.GetTokenValue("refresh_token")));
    }

    [Fact]
    public async Task Without_SaveTokens_no_token_is_kept()
    {
        AuthenticationProperties? saved = null;
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.Events.OnTicketReceived = context =>
        {
            saved = context.Properties;
            return Task.CompletedTask;
        });
        var browser = app.CreateBrowser();

        using var response = await browser.SignInAsync(app);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(saved!.GetTokens());
    }

    [Fact]
    public async Task An_app_supplied_signature_validator_cannot_switch_off_the_signature_check()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o =>
            o.TokenValidationParameters.SignatureValidator = (token, _) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token));
        app.Emulator.Faults.IdToken = MosaicEmulatorIdTokenFault.BadSignature;
        var browser = app.CreateBrowser();

        using var response = await browser.SignInAsync(app);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(browser.CookieValue(SmsOtpTestApp.AppBase, ".AspNetCore.Cookies"));
        Assert.Single(app.HandlerLogs(MosaicSmsOtpLogEvents.IdTokenRefused));
    }
}
