using System.Net;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests;

/// <summary>Mosaic failing, slow or rate limiting: a friendly page, a warning log, nothing lost, no duplicate SMS.</summary>
public sealed class MosaicFailureTests
{
    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_failing_send_gives_a_503_page_a_warning_and_is_not_retried(int status)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = status });
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var response = await browser.SubmitPhoneAsync(phonePage);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("Sign-in is temporarily unavailable.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
        Assert.Contains(app.HandlerLogs(MosaicSmsOtpLogEvents.MosaicCallFailed), r => r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Mosaic_rate_limiting_gives_429_with_Mosaic_s_Retry_After()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = 429, RetryAfter = TimeSpan.FromSeconds(120) });
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var response = await browser.SubmitPhoneAsync(phonePage);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_malformed_validation_answer_gives_502_and_keeps_the_flow()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.ValidateSms, new MosaicEmulatorFault { MalformedBody = true, Times = 1 });

        using var response = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        using var retried = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code, followRedirects: true);
        Assert.Equal("/secure", browser.CurrentUrl!.AbsolutePath);
    }

    [Fact]
    public async Task A_401_from_Mosaic_refreshes_the_client_token_once_and_retries()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = 401, Times = 1 });
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var response = await browser.SubmitPhoneAsync(phonePage);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenClientCredentials));
        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
        Assert.Single(app.Emulator.Outbox.GetMessages(SignInDriver.PhoneNumber));
    }

    [Fact]
    public async Task A_401_that_persists_gives_503_after_one_retry()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = 401 });
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var response = await browser.SubmitPhoneAsync(phonePage);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task A_failing_client_token_request_gives_503_and_no_send()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.TokenClientCredentials, new MosaicEmulatorFault { StatusCode = 500 });
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var response = await browser.SubmitPhoneAsync(phonePage);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task A_hanging_Mosaic_times_out_after_BackchannelTimeout_on_the_app_clock_with_a_503()
    {
        var leaving = new SignalingHandler("/cis/v1/auth/otp/sms");
        await using var app = await SmsOtpTestApp.StartAsync(
            handler: o => o.BackchannelTimeout = TimeSpan.FromSeconds(5),
            services: s => s.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName).AddHttpMessageHandler(() => leaving));
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { Delay = TimeSpan.FromMinutes(5) });
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        var submitted = browser.SubmitPhoneAsync(phonePage);
        await leaving.Sent;
        app.Time.Advance(TimeSpan.FromSeconds(6));
        using var response = await submitted;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(app.HandlerLogs(MosaicSmsOtpLogEvents.MosaicCallFailed), r => r.Message.Contains("Unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hundred_concurrent_sends_share_one_client_token_fetch()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o =>
        {
            o.Throttling.MaxSendsPerClientIpPerHour = 1000;
        });
        var browsers = Enumerable.Range(0, 100).Select(_ => app.CreateBrowser()).ToArray();
        var pages = await Task.WhenAll(browsers.Select(b => b.OpenPhonePageAsync()));

        var responses = await Task.WhenAll(browsers.Select((b, i) => b.SubmitPhoneAsync(pages[i], $"+1617555{i:D4}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenClientCredentials));
        Assert.Equal(100, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_client_token_is_reused_until_shortly_before_it_expires()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var first = app.CreateBrowser();
        using var a = await first.SubmitPhoneAsync(await first.OpenPhonePageAsync(), "+16175550001");
        app.Time.Advance(TimeSpan.FromMinutes(58));
        var second = app.CreateBrowser();
        using var b = await second.SubmitPhoneAsync(await second.OpenPhonePageAsync(), "+16175550002");
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenClientCredentials));

        app.Time.Advance(TimeSpan.FromMinutes(1.5));
        var third = app.CreateBrowser();
        using var c = await third.SubmitPhoneAsync(await third.OpenPhonePageAsync(), "+16175550003");

        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenClientCredentials));
    }

    [Fact]
    public async Task A_redirect_uri_Mosaic_does_not_know_is_a_setup_error_503_for_the_user_and_an_error_log_for_the_operator()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.RedirectUri = new Uri("https://unregistered.example/signin-sms/callback"));
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var response = await browser.SubmitPhoneAsync(phonePage);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("Check the number", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var error = Assert.Single(app.HandlerLogs(MosaicSmsOtpLogEvents.MosaicRejectedRequest));
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Contains("redirect URI registered exactly", error.Message, StringComparison.Ordinal);
    }
}
