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

    /// <summary>
    /// B-37: five flows for one number (opened 61 s apart, past the cooldown), then every flow's five guesses at once, with
    /// a tenant whose lockout (20) is above the handler's hourly cap (10), so that only the throttle stands in the way.
    /// Returns how many of the 25 guesses reached Mosaic.
    /// </summary>
    public static async Task<int> ParallelGuessesAcrossFlowsAsync(Action<IServiceCollection>? services = null)
    {
        const string Number = "+16175553737";
        await using var app = await SmsOtpTestApp.StartAsync(
            handler: o => o.CodePolicy.LockoutThreshold = 20,
            emulator: o => o.Otp.MaxFailures = 20,
            services: services);
        var flows = new List<(TestBrowser Browser, string CodePage)>();
        for (var i = 0; i < 5; i++)
        {
            var browser = app.CreateBrowser();
            flows.Add((browser, await browser.StartAndSendCodeAsync(phoneNumber: Number)));
            app.Time.Advance(TimeSpan.FromSeconds(61));
        }

        var before = app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms);
        // Each guess its own code: the same code posted again for a flow would wait on the first check (B-45).
        var right = app.Emulator.Outbox.GetLatest(Number)!.Code;
        var wrong = Enumerable.Range(100_000, 26).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Where(code => code != right).ToArray();
        var guesses = flows.SelectMany((flow, f) => Enumerable.Range(0, 5).Select(g => flow.Browser.SubmitCodeAsync(flow.CodePage, wrong[(f * 5) + g]))).ToArray();
        foreach (var answer in await Task.WhenAll(guesses))
        {
            answer.Dispose();
        }

        return app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms) - before;
    }

    /// <summary>
    /// B-40: a copy of the browser's cookies taken on the code page, replayed after the person signed in: a resend, the
    /// right code (which the first post got a 303 for) and the callback. Returns each answer's status and what reached Mosaic meanwhile.
    /// </summary>
    public static async Task<string> ReplayedFlowAfterSignInAsync(SmsOtpTestApp app)
    {
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var copy = app.CreateBrowser();
        foreach (Cookie cookie in browser.Cookies.GetAllCookies())
        {
            copy.Cookies.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain) { Secure = cookie.Secure, HttpOnly = cookie.HttpOnly });
        }

        var code = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;
        var callback = await browser.SubmitCodeToCallbackUrlAsync(codePage, code);
        using var signedIn = await browser.GetAsync(callback.AbsoluteUri, followRedirects: true);
        Assert.Equal("minimal:" + SignInDriver.PhoneNumber, await signedIn.Content.ReadAsStringAsync());

        var sends = app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms);
        var validations = app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms);
        var exchanges = app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode);
        using var resend = await copy.PostFormAsync(MosaicSmsOtpDefaults.ResendPath, [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(codePage))], followRedirects: false);
        using var validate = await copy.SubmitCodeAsync(codePage, code);
        using var replayedCallback = await copy.GetAsync(callback.AbsoluteUri, followRedirects: false);
        return string.Join(" | ",
            "resend " + (int)resend.StatusCode,
            "validate " + (int)validate.StatusCode,
            "callback " + (int)replayedCallback.StatusCode + " " + replayedCallback.Headers.Location?.OriginalString + (copy.CookieValue(SmsOtpTestApp.AppBase, SecurityTestKit.AuthCookieName) is null ? " not signed in" : " SIGNED IN"),
            "mosaic " + (app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms) - sends) + "/" + (app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms) - validations) + "/" + (app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode) - exchanges));
    }

    /// <summary>
    /// B-42: an outage of ordinary retries (25 sends from one client to 25 numbers, all failing with 503, more than the
    /// client's hourly budget of 20), then, with Mosaic healthy, a brand-new user from the same client. Returns the
    /// outage's statuses and the new user's answer.
    /// </summary>
    public static async Task<(List<HttpStatusCode> Outage, HttpStatusCode NewUser)> OutageThenNewUserAsync(SmsOtpTestApp app)
    {
        app.Emulator.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = 503, Times = 25 });
        var outage = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            var browser = app.CreateBrowser();
            using var failed = await browser.SubmitPhoneAsync(await browser.OpenPhonePageAsync(), "+161755542" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
            outage.Add(failed.StatusCode);
        }

        var newUser = app.CreateBrowser();
        using var sent = await newUser.SubmitPhoneAsync(await newUser.OpenPhonePageAsync(), "+16175554299");
        return (outage, sent.StatusCode);
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
