using System.Net;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Throttling;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests;

/// <summary>Spent flows and broken throttle stores: answered deliberately, never a stray 500.</summary>
public sealed class RobustnessTests
{
    [Fact]
    public async Task A_flow_that_has_used_its_attempts_gets_no_new_code_and_is_told_to_start_again()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.Throttling.MaxAttemptsPerFlow = 2);
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await browser.SubmitCodeAsync(codePage, "00000000");
        }

        app.Time.Advance(TimeSpan.FromMinutes(2));

        using var resent = await browser.PostFormAsync("/signin-sms/resend", [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(codePage))], followRedirects: false);

        Assert.Equal(HttpStatusCode.TooManyRequests, resent.StatusCode);
        Assert.False(resent.Headers.Contains("Retry-After"));
        Assert.Contains("Start again to get a new code.", await resent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(app.Emulator.Outbox.GetMessages(SignInDriver.PhoneNumber));
    }

    [Fact]
    public async Task A_failing_throttle_store_refuses_with_a_503_page_and_an_error_log()
    {
        await using var app = await SmsOtpTestApp.StartAsync(services: s => s.AddSingleton<ISmsOtpThrottleStore, UnreachableThrottleStore>());
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var response = await browser.SubmitPhoneAsync(phonePage);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("temporarily unavailable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(app.HandlerLogs(MosaicSmsOtpLogEvents.ThrottleStoreFailed));
        Assert.Equal(0, app.Emulator.Counters.Get(Testing.MosaicEmulatorEndpoint.SendSms));
    }

    private sealed class UnreachableThrottleStore : ISmsOtpThrottleStore
    {
        public ValueTask<SmsOtpThrottleReservation> ReserveAsync(IReadOnlyList<SmsOtpThrottleBudget> budgets, CancellationToken cancellationToken) => throw new IOException("store unreachable");

        public ValueTask RefundAsync(IReadOnlyList<SmsOtpThrottleRefund> refunds, CancellationToken cancellationToken) => throw new IOException("store unreachable");
    }
}
