using System.Net;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;
using SmsOtp.AspNetCore.Tests.Security;

namespace SmsOtp.AspNetCore.Redis.Tests;

/// <summary>
/// Checklist B-36, B-37, B-40, B-41, B-42 and B-45 with the throttle state (and the OTP policy the handler plays) in Redis: the same
/// scenarios as the in-memory suite, on a store with its own key prefix per app.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RoundTwoOnRedisTests(RedisServer redis)
{
    [Fact]
    public async Task B36_On_Redis_a_registered_and_an_unregistered_number_get_the_same_answers_and_store_state()
    {
        await using var registeredApp = await RoundTwoScenarios.StartWithSignUpOffAsync(OnRedis());
        await using var unregisteredApp = await RoundTwoScenarios.StartWithSignUpOffAsync(OnRedis());

        var registered = await RoundTwoScenarios.WrongCodesLockoutAndExpiryAsync(registeredApp, RoundTwoScenarios.Registered);
        var unregistered = await RoundTwoScenarios.WrongCodesLockoutAndExpiryAsync(unregisteredApp, RoundTwoScenarios.Unregistered);

        Assert.Equal(registered, unregistered);
        Assert.StartsWith("flow1 guess3: 429 | - | 900 |", registered[6], StringComparison.Ordinal);
        Assert.Equal(6, registeredApp.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
    }

    [Fact]
    public async Task B41_On_Redis_Mosaic_failures_spend_none_of_the_flows_attempts()
    {
        await using var app = await SmsOtpTestApp.StartAsync(services: OnRedis());
        var failures = new List<HttpStatusCode>();

        using var landed = await RoundTwoScenarios.UpstreamFailuresThenRightCodeAsync(app, failures);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.ServiceUnavailable, 5), failures);
        Assert.Equal("minimal:" + SignInDriver.PhoneNumber, await landed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task B45_On_Redis_ten_parallel_posts_of_the_right_code_make_one_check_and_count_no_wrong_code()
    {
        await using var app = await SmsOtpTestApp.StartAsync(services: OnRedis());
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        var answers = await RoundTwoScenarios.ParallelRightCodesAsync(app, browser, codePage, 10);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.SeeOther, a.StatusCode));
        Assert.Single(answers.Select(a => a.Headers.Location!.AbsoluteUri).Distinct());
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
        Assert.Equal("- - - - -", string.Join(" ", (await RoundTwoScenarios.StateAsync(app, SignInDriver.PhoneNumber)).Split(' ')[2..]));
    }

    [Fact]
    public async Task B37_On_Redis_Parallel_guesses_from_five_flows_for_one_number_never_pass_the_numbers_hourly_cap()
    {
        var judged = await RoundTwoScenarios.ParallelGuessesAcrossFlowsAsync(OnRedis());

        Assert.Equal(new MosaicSmsOtpThrottlingOptions().MaxAttemptsPerNumberPerHour, judged);
    }

    [Fact]
    public async Task B40_On_Redis_A_copy_of_the_flow_cookie_replayed_after_the_sign_in_resends_validates_and_signs_in_nothing()
    {
        await using var app = await SmsOtpTestApp.StartAsync(services: OnRedis());

        var replay = await RoundTwoScenarios.ReplayedFlowAfterSignInAsync(app);

        Assert.Equal("resend 400 | validate 400 | callback 303 " + MosaicSmsOtpDefaults.VerifyPath + " not signed in | mosaic 0/0/0", replay);
    }

    [Fact]
    public async Task B42_On_Redis_After_an_outage_of_retries_longer_than_the_clients_budget_a_new_user_gets_a_code()
    {
        await using var app = await SmsOtpTestApp.StartAsync(services: OnRedis());

        var (outage, newUser) = await RoundTwoScenarios.OutageThenNewUserAsync(app);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.ServiceUnavailable, 25), outage);
        Assert.Equal(HttpStatusCode.SeeOther, newUser);
    }

    private Action<IServiceCollection> OnRedis()
    {
        var prefix = RedisServer.NewPrefix("round2");
        return services => services.AddMosaicSmsOtpRedis(redis.Configuration, o => o.KeyPrefix = prefix);
    }
}
