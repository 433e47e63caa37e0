using System.Net;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;
using SmsOtp.AspNetCore.Tests.Security;

namespace SmsOtp.AspNetCore.Redis.Tests;

/// <summary>
/// Checklist B-36, B-41 and B-45 with the throttle state (and the OTP policy the handler plays) in Redis: the same
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

    private Action<IServiceCollection> OnRedis()
    {
        var prefix = RedisServer.NewPrefix("round2");
        return services => services.AddMosaicSmsOtpRedis(redis.Configuration, o => o.KeyPrefix = prefix);
    }
}
