using System.Globalization;
using System.Net;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmsOtp.AspNetCore.Cluster.Tests;

/// <summary>Issue #14, item 3: a sign-in across three instances behind a round-robin proxy, and the limits they share.</summary>
public sealed class ClusterTests(Cluster cluster, ITestOutputHelper output) : ClusterLogOutput(cluster.Log, output), IClassFixture<Cluster>
{
    private static int _numbers;

    private static string NewNumber() => "+1617555" + (2000 + Interlocked.Increment(ref _numbers)).ToString(CultureInfo.InvariantCulture);

    // The proxy's round robin goes 0, 1, 2, 0, ... over every browser's requests.
    private string NextInstanceAfter(string instance) =>
        ((int.Parse(instance, CultureInfo.InvariantCulture) + 1) % cluster.Size).ToString(CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> SignInAsync(TestBrowser browser, string number)
    {
        var codePage = await browser.StartAndSendCodeAsync("/secure", number);
        var code = cluster.Emulator.Outbox.GetLatest(number)!.Code;
        return await browser.SubmitCodeAsync(codePage, code, followRedirects: true);
    }

    [Fact]
    public async Task Every_step_of_a_sign_in_lands_on_another_instance_and_it_completes()
    {
        var (browser, instances, _) = cluster.CreateBrowser();
        var number = NewNumber();

        using var landed = await SignInAsync(browser, number);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("signed-in:" + number, await landed.Content.ReadAsStringAsync());
        var steps = instances.ToArray();
        Assert.True(steps.Length >= 6, string.Join(",", steps));
        Assert.All(steps.Zip(steps.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.Equal(cluster.Size, steps.Distinct().Count());
    }

    [Fact]
    public async Task A_cooldown_set_through_one_instance_holds_on_the_others()
    {
        var number = NewNumber();
        var first = cluster.CreateBrowser();
        using var sent = await first.Browser.SubmitPhoneAsync(await first.Browser.OpenPhonePageAsync(), number);
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);

        var refusedOn = new HashSet<string>();
        for (var i = 0; i < cluster.Size; i++)
        {
            var other = cluster.CreateBrowser();
            var phonePage = await other.Browser.OpenPhonePageAsync();

            // Page views shift the round robin until the send goes to an instance that has not refused one yet.
            for (var extra = 0; extra < cluster.Size && refusedOn.Contains(NextInstanceAfter(other.Instances.Last())); extra++)
            {
                phonePage = await other.Browser.OpenPhonePageAsync();
            }

            using var refused = await other.Browser.SubmitPhoneAsync(phonePage, number);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            refusedOn.Add(other.Instances.Last());
        }

        Assert.Equal(cluster.Size, refusedOn.Count);
        Assert.Single(cluster.Emulator.Outbox.GetMessages(number));
    }

    [Fact]
    public async Task Wrong_codes_spread_over_instances_add_up()
    {
        var (browser, instances, _) = cluster.CreateBrowser();
        var number = NewNumber();
        var codePage = await browser.StartAndSendCodeAsync("/secure", number);
        var wrong = SecurityTestKit.WrongCode(cluster.Emulator.Outbox.GetLatest(number)!.Code);
        var validations = cluster.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms);
        var lockoutThreshold = new MosaicSmsOtpCodePolicyOptions().LockoutThreshold;

        // One wrong code per instance: each instance alone has seen one, together they reach the tenant's lockout.
        var seenOn = new HashSet<string>();
        for (var i = 0; i < lockoutThreshold; i++)
        {
            using var refused = await browser.SubmitCodeAsync(codePage, wrong);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            seenOn.Add(instances.Last());
        }

        using var right = await browser.SubmitCodeAsync(codePage, cluster.Emulator.Outbox.GetLatest(number)!.Code);

        Assert.Equal(cluster.Size, lockoutThreshold);
        Assert.Equal(cluster.Size, seenOn.Count);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal(validations + lockoutThreshold, cluster.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
    }

    [Fact]
    public async Task A_spent_flow_is_refused_on_every_instance()
    {
        var (browser, _, _) = cluster.CreateBrowser();
        var number = NewNumber();
        var codePage = await browser.StartAndSendCodeAsync("/secure", number);
        var copied = browser.Cookies.GetCookies(cluster.ProxyAddress).Select(c => new Cookie(c.Name, c.Value, c.Path, c.Domain)).ToList();
        using var landed = await browser.SubmitCodeAsync(codePage, cluster.Emulator.Outbox.GetLatest(number)!.Code, followRedirects: true);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);

        // The copy of the flow cookie taken before the callback: refused on every instance, and no SMS is paid for it.
        var replay = cluster.CreateBrowser();
        copied.ForEach(replay.Browser.Cookies.Add);
        var sends = cluster.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms);
        var refusedOn = new HashSet<string>();
        for (var i = 0; i < cluster.Size; i++)
        {
            using var refused = await replay.Browser.PostFormAsync(MosaicSmsOtpDefaults.ResendPath, [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(codePage))], followRedirects: false);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            refusedOn.Add(replay.Instances.Last());
        }

        Assert.Equal(cluster.Size, refusedOn.Count);
        Assert.Equal(sends, cluster.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task Instances_restarted_mid_flow_continue_the_flows_started_before()
    {
        var (browser, _, _) = cluster.CreateBrowser();
        var number = NewNumber();
        var codePage = await browser.StartAndSendCodeAsync("/secure", number);

        for (var i = 0; i < cluster.Size; i++)
        {
            await cluster.RestartInstanceAsync(i);
        }

        using var landed = await browser.SubmitCodeAsync(codePage, cluster.Emulator.Outbox.GetLatest(number)!.Code, followRedirects: true);
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal("signed-in:" + number, await landed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fifty_concurrent_sign_ins_each_end_as_their_own_number_with_no_5xx_and_every_SMS_accounted_for()
    {
        var result = await ClusterLoad.RunAsync(cluster, signIns: 50, concurrency: 10, TimeSpan.FromMinutes(3));

        Assert.Empty(result.Problems);
    }
}
