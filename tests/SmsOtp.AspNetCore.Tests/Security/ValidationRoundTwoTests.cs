using System.Collections.Concurrent;
using System.Net;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;
using static SmsOtp.AspNetCore.Tests.Security.RoundTwoScenarios;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>
/// Checklist B-36, B-41, B-45 and B-47 with the in-memory store (the Redis suite runs the same scenarios): the validate
/// step answers from the tenant's policy the handler plays, Mosaic's failures are not the person's attempts, a right code
/// posted again lands where the first did, and an optional floor hides Mosaic's timing.
/// </summary>
public sealed class ValidationRoundTwoTests
{
    [Fact]
    public async Task B36_Wrong_codes_the_lockout_its_end_a_third_send_and_an_expired_code_answer_the_same_for_a_registered_and_an_unregistered_number()
    {
        await using var registeredApp = await StartWithSignUpOffAsync();
        await using var unregisteredApp = await StartWithSignUpOffAsync();

        var registered = await WrongCodesLockoutAndExpiryAsync(registeredApp, Registered);
        var unregistered = await WrongCodesLockoutAndExpiryAsync(unregisteredApp, Unregistered);

        Assert.Equal(registered, unregistered);
        // What both saw: three wrong codes reach Mosaic, then the tenant's lock (429, 15 minutes) without asking it.
        Assert.StartsWith("flow1 guess2: 400 |", registered[4], StringComparison.Ordinal);
        Assert.StartsWith("flow1 guess3: 429 | - | 900 |", registered[6], StringComparison.Ordinal);
        Assert.StartsWith("third send: 303 | /signin-sms/verify", registered.Single(l => l.StartsWith("third send", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("That code has expired", registered.Single(l => l.StartsWith("late code", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(6, registeredApp.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
        // Only the registered number got SMS; the unregistered one's sends were answered 404 by Mosaic, unseen.
        Assert.Equal(3, registeredApp.Emulator.Outbox.GetMessages(Registered).Count);
        Assert.Empty(unregisteredApp.Emulator.Outbox.GetMessages(Unregistered));
    }

    [Fact]
    public async Task B36_Attempts_left_and_resend_wait_are_the_same_for_a_registered_and_an_unregistered_number()
    {
        var seen = new List<string>();
        await using var app = await StartWithSignUpOffAsync(services: s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new FeatureProbe(seen)));
        foreach (var number in new[] { Registered, Unregistered })
        {
            var browser = app.CreateBrowser();
            var codePage = await browser.StartAndSendCodeAsync(phoneNumber: number);
            using var wrong = await browser.SubmitCodeAsync(codePage, "000000");
            using var page = await browser.GetAsync(MosaicSmsOtpDefaults.VerifyPath);
        }

        // Per number: the GET of the code page, the wrong code's page, the GET again.
        Assert.Equal(6, seen.Count);
        Assert.Equal(seen[..3], seen[3..]);
        Assert.Equal(["3 60", "2 60", "2 60"], seen[..3]);
    }

    [Theory]
    [InlineData(1, "2@", "-")]  // the code still live at the resend: its two wrong codes stay, the third locks the number
    [InlineData(5, "-", "1@")]  // the code expired before the resend: the new one starts with no wrong code
    public async Task B36_A_resend_keeps_the_wrong_codes_of_a_live_code_and_forgets_those_of_an_expired_one(int minutesBeforeResend, string failuresAfterResend, string failuresAfterNextWrongCode)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await browser.SubmitCodeAsync(codePage, "000000");
        }

        app.Time.Advance(TimeSpan.FromMinutes(minutesBeforeResend) + TimeSpan.FromSeconds(1));
        using (var resent = await browser.PostFormAsync(MosaicSmsOtpDefaults.ResendPath, [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(codePage))], followRedirects: false))
        {
            Assert.Equal(HttpStatusCode.SeeOther, resent.StatusCode);
        }

        // State: cooldown, number's sends, wrong codes, in a row, then the policy's code, failures and lock.
        var afterResend = (await StateAsync(app, SignInDriver.PhoneNumber)).Split(' ');
        Assert.Equal("1@300", afterResend[4]);   // the new code, with a full lifetime
        Assert.StartsWith(failuresAfterResend, afterResend[5], StringComparison.Ordinal);

        using var third = await browser.SubmitCodeAsync(await browser.OpenCodePageAsync(), "000000");
        var afterWrongCode = (await StateAsync(app, SignInDriver.PhoneNumber)).Split(' ');
        Assert.StartsWith(failuresAfterNextWrongCode, afterWrongCode[5], StringComparison.Ordinal);
        Assert.Equal(minutesBeforeResend == 1 ? "1@900" : "-", afterWrongCode[6]);
    }

    [Fact]
    public async Task B36_A_code_entered_after_it_expired_is_not_checked_and_uses_no_attempt()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        app.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        using var late = await browser.SubmitCodeAsync(codePage, "000000");

        Assert.Contains("That code has expired", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
        // State: cooldown, number's sends, wrong codes, in a row, the policy's code, failures, lock: no attempt counted.
        Assert.Equal("- 1@3299 - - - - -", await StateAsync(app, SignInDriver.PhoneNumber));
    }

    [Fact]
    public async Task B41_Mosaic_failing_five_validations_spends_none_of_the_flows_attempts_and_the_right_code_then_signs_in()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var failures = new List<HttpStatusCode>();

        using var landed = await UpstreamFailuresThenRightCodeAsync(app, failures);

        Assert.All(failures, s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));
        Assert.Equal(5, failures.Count);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("minimal:" + SignInDriver.PhoneNumber, await landed.Content.ReadAsStringAsync());
        Assert.Equal("1@60 1@3600 - - - - -", await StateAsync(app, SignInDriver.PhoneNumber));   // no wrong code, no policy failure
    }

    [Fact]
    public async Task B45_Ten_parallel_posts_of_the_right_code_make_one_check_and_all_land_where_the_first_did()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        var answers = await ParallelRightCodesAsync(app, browser, codePage, 10);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.SeeOther, a.StatusCode));
        Assert.Single(answers.Select(a => a.Headers.Location!.AbsoluteUri).Distinct());
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
        Assert.Equal("- - - - -", string.Join(" ", (await StateAsync(app, SignInDriver.PhoneNumber)).Split(' ')[2..]));   // no wrong code counted anywhere
        foreach (var setCookie in answers[0].SetCookies())
        {
            browser.Cookies.SetCookies(SmsOtpTestApp.AppBase, setCookie);
        }

        using var landed = await browser.GetAsync(answers[0].Headers.Location!.AbsoluteUri);
        Assert.Equal("minimal:" + SignInDriver.PhoneNumber, await landed.Content.ReadAsStringAsync());
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
    }

    [Fact]
    public async Task B45_A_double_submitted_right_code_after_the_first_answered_lands_on_the_same_result_not_on_wrong_code()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var right = app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code;
        var flowBefore = browser.CookieValue(SmsOtpTestApp.AppBase, MosaicSmsOtpDefaults.FlowCookieName)!;

        using var first = await browser.SubmitCodeAsync(codePage, right);
        // The browser abandoned the first answer and sent the form again with the cookies it had.
        browser.Cookies.Add(new Cookie(MosaicSmsOtpDefaults.FlowCookieName, flowBefore, "/", "app.test") { Secure = true });
        using var second = await browser.SubmitCodeAsync(codePage, right);

        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
        using var landed = await browser.GetAsync(second.Headers.Location!.AbsoluteUri);
        Assert.Equal("minimal:" + SignInDriver.PhoneNumber, await landed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task B45_Control_a_wrong_code_typed_again_is_a_new_attempt()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var wrong = SecurityTestKit.WrongCode(app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);

        using var first = await browser.SubmitCodeAsync(codePage, wrong);
        using var again = await browser.SubmitCodeAsync(codePage, wrong);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
    }

    [Theory]
    [InlineData(MosaicSmsOtpDefaults.SignInPath)]
    [InlineData(MosaicSmsOtpDefaults.VerifyPath)]
    public async Task B47_With_a_response_floor_a_send_or_a_code_check_answers_no_sooner_than_the_floor(string path)
    {
        var floor = TimeSpan.FromSeconds(2);
        var answered = new ConcurrentQueue<DateTimeOffset>();
        var mosaicAnswered = new MosaicAnswered(path == MosaicSmsOtpDefaults.SignInPath ? "/cis/v1/auth/otp/sms" : "/cis/v1/auth/otp/sms/validation");
        SmsOtpTestApp? started = null;
        // The floor's wait is a timer of the whole floor, started once the step is done: time moves only after it exists
        // (moved between the step's end and the timer's start, the timer would wait for a move that never comes).
        TimerSignal floorWaiting = null!;
        await using var app = started = await SmsOtpTestApp.StartAsync(
            emulator: o => floorWaiting = new TimerSignal(o.TimeProvider, floor),
            handler: o =>
            {
                o.ResponseFloor = floor;
                o.TimeProvider = floorWaiting;
            },
            beforeAuthentication: a => a.Use((context, next) =>
            {
                // Recorded as the answer starts, before the client can see it (after next() would race the client).
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == path)
                {
                    context.Response.OnStarting(() =>
                    {
                        answered.Enqueue(started!.Time.GetUtcNow());
                        return Task.CompletedTask;
                    });
                }

                return next(context);
            }),
            services: s => s.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName).AddHttpMessageHandler(() => new MosaicAnsweredHandler(mosaicAnswered)));
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();
        var codePage = string.Empty;
        if (path == MosaicSmsOtpDefaults.VerifyPath)
        {
            // The send before it waits out its own floor.
            var sendAnswered = new MosaicAnswered("/cis/v1/auth/otp/sms");
            mosaicAnswered.Also = sendAnswered;
            var send = browser.SubmitPhoneAsync(phonePage);
            await sendAnswered.Task;
            await floorWaiting.NextAsync();
            app.Time.Advance(floor);
            (await send).Dispose();
            codePage = await browser.OpenCodePageAsync();
        }

        var start = app.Time.GetUtcNow();
        var pending = path == MosaicSmsOtpDefaults.SignInPath ? browser.SubmitPhoneAsync(phonePage) : browser.SubmitCodeAsync(codePage, "000000");
        await mosaicAnswered.Task;
        await floorWaiting.NextAsync();
        app.Time.Advance(floor - TimeSpan.FromMilliseconds(1));
        app.Time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await pending;

        Assert.True((int)response.StatusCode is 303 or 400, response.StatusCode.ToString());
        Assert.True(answered.Single() - start >= floor, $"answered after {answered.Single() - start}");
    }

    /// <summary>Completes when Mosaic has answered a request to a path (the handler's floor, if any, starts after).</summary>
    private sealed class MosaicAnswered(string path)
    {
        private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public MosaicAnswered? Also { get; set; }

        public Task Task => _answered.Task;

        public void Saw(string requestPath)
        {
            if (requestPath == path)
            {
                _answered.TrySetResult();
            }

            Also?.Saw(requestPath);
        }
    }

    private sealed class MosaicAnsweredHandler(MosaicAnswered signal) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            signal.Saw(request.RequestUri!.AbsolutePath);
            return response;
        }
    }

    /// <summary>Records what <see cref="IMosaicSmsOtpFlowFeature"/> says on each code page the handler answers.</summary>
    private sealed class FeatureProbe(List<string> seen) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                await nextMiddleware(context);
                if (context.Request.Path == MosaicSmsOtpDefaults.VerifyPath && context.Features.Get<IMosaicSmsOtpFlowFeature>() is { } feature)
                {
                    lock (seen)
                    {
                        seen.Add(feature.AttemptsLeft + " " + (int)Math.Ceiling(feature.ResendAllowedIn.TotalSeconds));
                    }
                }
            });
            next(app);
        };
    }

    [Fact]
    public async Task B37_Parallel_guesses_from_five_flows_for_one_number_never_pass_the_numbers_hourly_cap()
    {
        var judged = await ParallelGuessesAcrossFlowsAsync();

        Assert.Equal(new MosaicSmsOtpThrottlingOptions().MaxAttemptsPerNumberPerHour, judged);
    }

    [Fact]
    public async Task B40_A_copy_of_the_flow_cookie_replayed_after_the_sign_in_resends_validates_and_signs_in_nothing()
    {
        await using var app = await SmsOtpTestApp.StartAsync();

        var replay = await ReplayedFlowAfterSignInAsync(app);

        Assert.Equal("resend 400 | validate 400 | callback 303 " + MosaicSmsOtpDefaults.VerifyPath + " not signed in | mosaic 0/0/0", replay);
    }

    [Fact]
    public async Task B42_After_an_outage_of_retries_longer_than_the_clients_budget_a_new_user_gets_a_code()
    {
        await using var app = await SmsOtpTestApp.StartAsync();

        var (outage, newUser) = await OutageThenNewUserAsync(app);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.ServiceUnavailable, 25), outage);
        Assert.Equal(HttpStatusCode.SeeOther, newUser);
    }
}
