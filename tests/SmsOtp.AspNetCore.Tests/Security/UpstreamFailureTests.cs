using System.Net;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>Checklist B-28 and B-29: Mosaic failing, slow or rate-limiting gives a generic temporary error, never a duplicate SMS.</summary>
public sealed class UpstreamFailureTests
{
    [Theory]
    [InlineData(500, HttpStatusCode.ServiceUnavailable)]
    [InlineData(503, HttpStatusCode.ServiceUnavailable)]
    [InlineData(502, HttpStatusCode.ServiceUnavailable)]
    [InlineData(429, HttpStatusCode.TooManyRequests)]
    public async Task B28_A_failed_send_answers_a_generic_temporary_error_with_Retry_After_and_is_not_retried(int mosaicStatus, HttpStatusCode expected)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = mosaicStatus, RetryAfter = TimeSpan.FromSeconds(30) });
        var browser = app.CreateBrowser();

        using var sent = await browser.SubmitPhoneAsync(await browser.OpenPhonePageAsync());

        Assert.Equal(expected, sent.StatusCode);
        Assert.NotEmpty(sent.Header("Retry-After"));
        if (mosaicStatus == 429)
        {
            Assert.Equal("30", sent.Header("Retry-After"));
        }

        Assert.DoesNotContain("Injected fault", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
        Assert.Contains(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.MosaicCallFailed && r.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task B28_A_send_that_outlives_BackchannelTimeout_answers_503_on_the_apps_clock_and_is_not_retried()
    {
        TimerSignal emulatorWaiting = null!;
        await using var app = await SmsOtpTestApp.StartAsync(emulator: o => o.TimeProvider = emulatorWaiting = new TimerSignal(o.TimeProvider, TimeSpan.FromSeconds(30)));
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { Delay = TimeSpan.FromSeconds(30) });
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        var pending = browser.SubmitPhoneAsync(phonePage);
        await emulatorWaiting.Started.WaitAsync(TimeSpan.FromSeconds(30));   // the emulator has the request; the bound only guards against a hang
        app.Time.Advance(TimeSpan.FromSeconds(11));               // past the default BackchannelTimeout of 10 s
        using var sent = await pending;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, sent.StatusCode);
        Assert.NotEmpty(sent.Header("Retry-After"));
        Assert.Contains(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.MosaicCallFailed && r.Level == Microsoft.Extensions.Logging.LogLevel.Warning && r.Message.Contains("Unavailable", StringComparison.Ordinal));
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
        Assert.Empty(app.Emulator.Outbox.GetMessages());
    }

    [Fact]
    public async Task B28_A_malformed_validation_answer_is_a_502_and_a_failing_one_a_503()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var code = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;

        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.ValidateSms, new MosaicEmulatorFault { MalformedBody = true, Times = 1 });
        using var malformed = await browser.SubmitCodeAsync(codePage, code);
        Assert.Equal(HttpStatusCode.BadGateway, malformed.StatusCode);

        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.ValidateSms, new MosaicEmulatorFault { StatusCode = 500, Times = 1 });
        using var failing = await browser.SubmitCodeAsync(codePage, code);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        Assert.DoesNotContain("Injected fault", await failing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task B28_Upstream_failures_do_not_count_as_wrong_codes_for_the_number()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var statuses = new List<HttpStatusCode>();
        for (var flow = 0; flow < 3; flow++)
        {
            var browser = app.CreateBrowser();
            var codePage = await browser.StartAndSendCodeAsync();
            app.Emulator.Faults.Set(MosaicEmulatorEndpoint.ValidateSms, new MosaicEmulatorFault { StatusCode = 503, Times = 4 });
            for (var i = 0; i < 4; i++)
            {
                using var failing = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
                statuses.Add(failing.StatusCode);
            }

            app.Time.Advance(TimeSpan.FromSeconds(61));
        }

        // Twelve failed checks, more than the number's ten wrong codes an hour, and the right code still works.
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));
        var last = app.CreateBrowser();
        using var landed = await last.SignInAsync(app);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/secure", last.CurrentUrl!.AbsolutePath);
    }

    [Theory]
    [InlineData(MosaicEmulatorEndpoint.TokenAuthorizationCode)]
    [InlineData(MosaicEmulatorEndpoint.Jwks)]
    [InlineData(MosaicEmulatorEndpoint.Discovery)]
    public async Task B28_A_failing_code_exchange_or_key_fetch_ends_the_callback_with_503_and_no_session(MosaicEmulatorEndpoint endpoint)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var callback = await browser.GetCallbackUrlAsync(app);
        app.Emulator.Faults.Set(endpoint, new MosaicEmulatorFault { StatusCode = 500 });

        using var landed = await browser.GetAsync(callback.AbsoluteUri, followRedirects: false);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, landed.StatusCode);
        landed.AssertNoAuthCookie();
        Assert.DoesNotContain("Injected fault", await landed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
    }

    [Fact]
    public async Task B29_A_401_from_Mosaic_gets_one_new_client_token_and_one_retry()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = 401, Times = 1 });

        using var sent = await browser.SubmitPhoneAsync(phonePage);

        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenClientCredentials));
        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
        Assert.Single(app.Emulator.Outbox.GetMessages());
    }

    [Fact]
    public async Task B29_A_second_401_ends_in_503_without_a_third_try()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = 401 });

        using var sent = await browser.SubmitPhoneAsync(phonePage);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, sent.StatusCode);
        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenClientCredentials));
        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task B29_Concurrent_sends_share_one_client_token_request_and_an_expired_token_is_replaced_once()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browsers = Enumerable.Range(0, 6).Select(_ => app.CreateBrowser()).ToArray();
        var pages = await Task.WhenAll(browsers.Select(b => b.OpenPhonePageAsync()));

        var sends = await Task.WhenAll(browsers.Select((b, i) => b.SubmitPhoneAsync(pages[i], "+1617555" + (6000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.All(sends, s => Assert.Equal(HttpStatusCode.SeeOther, s.StatusCode));
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenClientCredentials));

        app.Time.Advance(TimeSpan.FromHours(1));
        var later = await Task.WhenAll(browsers.Select((b, i) => b.SubmitPhoneAsync(pages[i], "+1617555" + (6100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.All(later, s => Assert.Equal(HttpStatusCode.SeeOther, s.StatusCode));
        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenClientCredentials));
        foreach (var response in sends.Concat(later))
        {
            response.Dispose();
        }
    }
}
