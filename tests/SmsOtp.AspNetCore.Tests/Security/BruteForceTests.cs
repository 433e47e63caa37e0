using System.Net;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>
/// Checklist B-13 to B-16: code guessing is limited per flow and per number, across app instances that share the
/// throttle store and data-protection keys. Mosaic's own lockout is raised out of the way so the handler's limits show.
/// </summary>
public sealed class BruteForceTests
{
    private const string Victim = SignInDriver.PhoneNumber;

    [Fact]
    public async Task B13_After_five_wrong_codes_the_flow_is_spent_on_every_instance_and_even_the_right_code_is_refused()
    {
        await using var pair = await TwoInstances.StartAsync(emulator: o => o.Otp.MaxFailures = 20);
        var turn = 0;
        var browser = pair.CreateBrowser(() => turn++ % 2);   // every request goes to the other instance
        var codePage = await browser.StartAndSendCodeAsync();
        var right = pair.First.Emulator.Outbox.GetLatest(Victim)!.Code;

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await browser.SubmitCodeAsync(codePage, SecurityTestKit.WrongCode(right));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var sixth = await browser.SubmitCodeAsync(codePage, SecurityTestKit.WrongCode(right));
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        // Waiting does not revive a spent flow, so no Retry-After: the page says to start again.
        Assert.False(sixth.Headers.Contains("Retry-After"));
        Assert.Contains("Start again to get a new code.", await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var rightCode = await browser.SubmitCodeAsync(codePage, right);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightCode.StatusCode);
        rightCode.AssertNoAuthCookie();

        Assert.Equal(5, pair.First.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
        Assert.Contains(pair.First.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.CodeRefused);
        Assert.Contains(pair.Second.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.CodeRefused);   // both instances checked codes
    }

    [Fact]
    public async Task B14_New_flows_and_resends_do_not_reset_the_numbers_budget_of_wrong_codes()
    {
        await using var pair = await TwoInstances.StartAsync(emulator: o => o.Otp.MaxFailures = 20);
        var turn = 0;
        var statuses = new List<HttpStatusCode>();
        for (var flow = 0; flow < 2; flow++)
        {
            var browser = pair.CreateBrowser(() => turn++ % 2);
            var codePage = await browser.StartAndSendCodeAsync();
            for (var guess = 0; guess < 3; guess++)
            {
                using var wrong = await browser.SubmitCodeAsync(codePage, SecurityTestKit.WrongCode(pair.First.Emulator.Outbox.GetLatest(Victim)!.Code));
                statuses.Add(wrong.StatusCode);
            }

            // A resend in the same flow: a new code, but the flow's and the number's counts go on.
            pair.First.Time.Advance(TimeSpan.FromSeconds(61));
            using var resent = await browser.PostFormAsync(MosaicSmsOtpDefaults.ResendPath, [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(codePage))], followRedirects: false);
            for (var guess = 0; guess < 3; guess++)
            {
                using var wrong = await browser.SubmitCodeAsync(codePage, SecurityTestKit.WrongCode(pair.First.Emulator.Outbox.GetLatest(Victim)!.Code));
                statuses.Add(wrong.StatusCode);
            }

            pair.First.Time.Advance(TimeSpan.FromSeconds(61));
        }

        // Ten wrong codes per number per hour reach Mosaic, whatever the number of flows and resends: far below
        // NIST's 100, so P(success) in that hour is at most 10 / 10^6 for six digits.
        Assert.Equal(10, pair.First.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.BadRequest));
        Assert.Equal(statuses.Count - 10, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // And a third flow does not even get an SMS: a code for this number could not be checked this hour.
        var sentBefore = pair.First.Emulator.Outbox.GetMessages(Victim).Count;
        var third = pair.CreateBrowser(() => turn++ % 2);
        using var send = await third.SubmitPhoneAsync(await third.OpenPhonePageAsync(), Victim);
        Assert.Equal(HttpStatusCode.TooManyRequests, send.StatusCode);
        Assert.Equal(sentBefore, pair.First.Emulator.Outbox.GetMessages(Victim).Count);
    }

    [Fact]
    public async Task B15_Guesses_from_many_client_IPs_count_against_the_one_number()
    {
        await using var app = await SmsOtpTestApp.StartAsync(beforeAuthentication: a => a.UseTestPeerAddress(), emulator: o => o.Otp.MaxFailures = 20);
        var refused = new List<HttpStatusCode>();
        for (var ip = 1; ip <= 3; ip++)
        {
            var attacker = app.CreateBrowserFrom("198.51.100." + ip);
            var codePage = await attacker.StartAndSendCodeAsync();
            for (var guess = 0; guess < 4; guess++)
            {
                using var wrong = await attacker.SubmitCodeAsync(codePage, SecurityTestKit.WrongCode(app.Emulator.Outbox.GetLatest(Victim)!.Code));
                refused.Add(wrong.StatusCode);
            }

            app.Time.Advance(TimeSpan.FromSeconds(61));
        }

        Assert.Equal(10, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
        Assert.All(refused.Skip(10), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));

        // A fourth address gets no code for the number at all.
        var fourth = app.CreateBrowserFrom("198.51.100.4");
        using var send = await fourth.SubmitPhoneAsync(await fourth.OpenPhonePageAsync(), Victim);
        Assert.Equal(HttpStatusCode.TooManyRequests, send.StatusCode);
    }

    [Fact]
    public async Task B16_A_lockout_burnt_by_an_attacker_is_temporary_generic_and_lifts_for_the_owner()
    {
        await using var app = await SmsOtpTestApp.StartAsync(beforeAuthentication: a => a.UseTestPeerAddress(), emulator: o => o.Otp.MaxFailures = 20);
        for (var flow = 0; flow < 2; flow++)
        {
            var attacker = app.CreateBrowserFrom("198.51.100.66");
            var codePage = await attacker.StartAndSendCodeAsync();
            for (var guess = 0; guess < 5; guess++)
            {
                using var wrong = await attacker.SubmitCodeAsync(codePage, SecurityTestKit.WrongCode(app.Emulator.Outbox.GetLatest(Victim)!.Code));
                Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            }

            app.Time.Advance(TimeSpan.FromSeconds(61));
        }

        // The owner is told, generically, to wait; no SMS is spent on a code that could not be checked this hour.
        var owner = app.CreateBrowserFrom("192.0.2.10");
        var sentBefore = app.Emulator.Outbox.GetMessages(Victim).Count;
        using var locked = await owner.SubmitPhoneAsync(await owner.OpenPhonePageAsync(), Victim);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(sentBefore, app.Emulator.Outbox.GetMessages(Victim).Count);
        var retryAfter = int.Parse(locked.Header("Retry-After"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        var body = await locked.Content.ReadAsStringAsync();
        Assert.Contains("Too many wrong codes", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Victim, body, StringComparison.Ordinal);

        app.Time.Advance(TimeSpan.FromSeconds(retryAfter));
        var later = app.CreateBrowserFrom("192.0.2.10");
        using var landed = await later.SignInAsync(app);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("/secure", later.CurrentUrl!.AbsolutePath);
    }
}
