using System.Net;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>
/// The round-two scenarios (checklist B-36, B-41, B-45), run by the in-memory suite and by the Redis suite with the
/// store the caller registers: each returns what a browser and the throttle store show, to be compared or asserted.
/// </summary>
internal static class RoundTwoScenarios
{
    // Same country code and last four digits, so even the masked number on the code page is the same.
    public const string Registered = "+16175551212";
    public const string Unregistered = "+16175561212";

    /// <summary>An app with sign-up off that knows <see cref="Registered"/> only.</summary>
    public static Task<SmsOtpTestApp> StartWithSignUpOffAsync(Action<IServiceCollection>? services = null, Action<MosaicSmsOtpOptions>? handler = null) => SmsOtpTestApp.StartAsync(
        handler: o =>
        {
            o.CreateNewUser = false;
            handler?.Invoke(o);
        },
        emulator: o =>
        {
            o.Clients[0].PublicSignUp = false;
            o.Users.Add(new MosaicEmulatorUser { UserId = "u-known", PhoneNumber = Registered });
        },
        services: services);

    /// <summary>
    /// B-36: in one flow, five wrong codes (past the tenant's lockout of three); after the lockout, a new flow with three
    /// more; after that lockout, a third send; and a code entered after its lifetime. Every answer and the number's
    /// throttle state along the way.
    /// </summary>
    public static async Task<List<string>> WrongCodesLockoutAndExpiryAsync(SmsOtpTestApp app, string phoneNumber)
    {
        var seen = new List<string>();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync(phoneNumber: phoneNumber);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await browser.SubmitCodeAsync(codePage, "000000");
            seen.Add("flow1 guess" + i + ": " + await DescribeAsync(wrong));
            seen.Add("flow1 state" + i + ": " + await StateAsync(app, phoneNumber));
        }

        app.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var second = app.CreateBrowser();
        var secondPage = await second.StartAndSendCodeAsync(phoneNumber: phoneNumber);
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await second.SubmitCodeAsync(secondPage, "000000");
            seen.Add("flow2 guess" + i + ": " + await DescribeAsync(wrong));
        }

        seen.Add("flow2 state: " + await StateAsync(app, phoneNumber));
        app.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var third = app.CreateBrowser();
        using var send = await third.SubmitPhoneAsync(await third.OpenPhonePageAsync(), phoneNumber);
        seen.Add("third send: " + await DescribeAsync(send));

        // The code's lifetime is 5 minutes, the flow's 10: a code entered after 6 minutes.
        var thirdPage = await third.OpenCodePageAsync();
        app.Time.Advance(TimeSpan.FromMinutes(6));
        using var late = await third.SubmitCodeAsync(thirdPage, "000000");
        seen.Add("late code: " + await DescribeAsync(late));
        seen.Add("end state: " + await StateAsync(app, phoneNumber));
        foreach (var endpoint in Enum.GetValues<MosaicEmulatorEndpoint>())
        {
            seen.Add("mosaic " + endpoint + ": " + app.Emulator.Counters.Get(endpoint));
        }

        return seen;
    }

    /// <summary>B-41: five validations that Mosaic fails (503), then the right code.</summary>
    public static async Task<HttpResponseMessage> UpstreamFailuresThenRightCodeAsync(SmsOtpTestApp app, List<HttpStatusCode> failures)
    {
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var right = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.ValidateSms, new MosaicEmulatorFault { StatusCode = 503, Times = 5 });
        for (var i = 0; i < 5; i++)
        {
            using var failing = await browser.SubmitCodeAsync(codePage, right);
            failures.Add(failing.StatusCode);
        }

        return await browser.SubmitCodeAsync(codePage, right, followRedirects: true);
    }

    /// <summary>B-45: the right code posted <paramref name="posts"/> times at once from one browser (one cookie header).</summary>
    public static async Task<HttpResponseMessage[]> ParallelRightCodesAsync(SmsOtpTestApp app, TestBrowser browser, string codePage, int posts)
    {
        var code = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;
        var token = TestBrowser.AntiforgeryToken(codePage);
        var cookies = browser.Cookies.GetCookieHeader(SmsOtpTestApp.AppBase);
        using var client = new HttpMessageInvoker(app.Server.CreateHandler());
        var sends = Enumerable.Range(0, posts).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(SmsOtpTestApp.AppBase, MosaicSmsOtpDefaults.VerifyPath))
            {
                Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("passcode", code)]),
            };
            request.Headers.Add("Origin", "https://app.test");
            request.Headers.Add("Cookie", cookies);
            return client.SendAsync(request, CancellationToken.None);
        }).ToArray();
        return await Task.WhenAll(sends);
    }

    /// <summary>The throttle store's counters for a number, as counts and seconds left (instant-independent).</summary>
    public static async Task<string> StateAsync(SmsOtpTestApp app, string phoneNumber)
    {
        var store = app.App.Services.GetRequiredService<ISmsOtpThrottleStore>();
        var now = app.Time.GetUtcNow();
        var keys = new[]
        {
            SmsOtpThrottleKeys.SendCooldown(phoneNumber), SmsOtpThrottleKeys.NumberSends(phoneNumber), SmsOtpThrottleKeys.NumberFailures(phoneNumber),
            SmsOtpThrottleKeys.NumberConsecutiveFailures(phoneNumber), SmsOtpThrottleKeys.PolicyCode(phoneNumber), SmsOtpThrottleKeys.PolicyFailures(phoneNumber),
            SmsOtpThrottleKeys.PolicyLocked(phoneNumber),
        };
        var counters = await store.ReadAsync(CancellationToken.None, keys);
        return string.Join(" ", counters.Select(counter => counter is { } c ? c.Count + "@" + (int)Math.Ceiling((c.ResetsAt - now).TotalSeconds) : "-"));
    }

    public static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var body = SecurityTestKit.WithoutAntiforgery(await response.Content.ReadAsStringAsync());
        return string.Join(" | ",
            (int)response.StatusCode,
            response.Headers.Location?.OriginalString ?? "-",
            response.Header("Retry-After"),
            string.Join(",", response.HeaderNames()),
            string.Join(",", response.SetCookies().Select(c => c.Split('=')[0]).Order(StringComparer.Ordinal)),
            body);
    }
}
