using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>Checklist B-17 to B-20: SMS budgets per number, per client IP and overall, and no cross-site sends.</summary>
public sealed class FloodingTests
{
    [Fact]
    public async Task B17_One_number_gets_one_code_per_cooldown_and_five_per_hour_across_instances()
    {
        await using var pair = await TwoInstances.StartAsync();
        var turn = 0;
        var browser = pair.CreateBrowser(() => turn++ % 2);
        var phonePage = await browser.OpenPhonePageAsync();

        using var first = await browser.SubmitPhoneAsync(phonePage);
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        using var tooSoon = await browser.SubmitPhoneAsync(phonePage);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.InRange(int.Parse(tooSoon.Header("Retry-After"), System.Globalization.CultureInfo.InvariantCulture), 1, 60);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 18; i++)
        {
            pair.First.Time.Advance(TimeSpan.FromSeconds(61));
            using var again = await browser.SubmitPhoneAsync(phonePage);
            statuses.Add(again.StatusCode);
        }

        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.SeeOther));
        Assert.All(statuses.Skip(4), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(5, pair.First.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task B17_The_cooldown_answer_is_the_same_for_a_registered_and_an_unregistered_number()
    {
        await using var app = await EnumerationTests.StartWithSignUpOffAsync();

        var known = await TwiceAsync(app, "+16175551212");
        var unknown = await TwiceAsync(app, "+16175561212");

        Assert.Equal(HttpStatusCode.TooManyRequests, known.Status);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task B18_One_client_IP_gets_twenty_codes_an_hour_across_instances()
    {
        await using var pair = await TwoInstances.StartAsync(beforeAuthentication: app => app.UseTestPeerAddress());
        var turn = 0;
        var browser = pair.CreateBrowserFrom("198.51.100.7", () => turn++ % 2);
        var phonePage = await browser.OpenPhonePageAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            using var sent = await browser.SubmitPhoneAsync(phonePage, "+1617555" + (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            statuses.Add(sent.StatusCode);
        }

        Assert.All(statuses.Take(20), s => Assert.Equal(HttpStatusCode.SeeOther, s));
        Assert.All(statuses.Skip(20), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(20, pair.First.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));

        // The cap is that client's: another address, on either instance, still gets a code.
        var other = pair.CreateBrowserFrom("198.51.100.8", () => turn++ % 2);
        using var fromOther = await other.SubmitPhoneAsync(await other.OpenPhonePageAsync(), "+16175551100");
        Assert.Equal(HttpStatusCode.SeeOther, fromOther.StatusCode);
    }

    [Fact]
    public async Task B18_The_global_budget_trips_for_everyone_and_logs_an_error()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.Throttling.MaxSendsPerHour = 3, beforeAuthentication: a => a.UseTestPeerAddress());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var browser = app.CreateBrowserFrom("198.51.100." + (i + 1));
            using var sent = await browser.SubmitPhoneAsync(await browser.OpenPhonePageAsync(), "+1617555" + (2000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            statuses.Add(sent.StatusCode);
        }

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
        Assert.Contains(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.GlobalBudgetExhausted && r.Level == Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Theory]
    [InlineData("+447400123456")]   // UK mobile
    [InlineData("+882355000000")]   // international networks: a classic pumping prefix
    public async Task B18_A_number_outside_the_allowed_countries_gets_a_form_error_and_no_SMS(string phoneNumber)
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.PhoneNumbers.AllowedRegions.Add("US"));
        var browser = app.CreateBrowser();

        using var sent = await browser.SubmitPhoneAsync(await browser.OpenPhonePageAsync(), phoneNumber);

        Assert.Equal(HttpStatusCode.BadRequest, sent.StatusCode);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task B19_A_spoofed_X_Forwarded_For_does_not_give_a_client_a_fresh_budget(bool useForwardedHeaders)
    {
        await using var app = await SmsOtpTestApp.StartAsync(
            handler: o => o.Throttling.MaxSendsPerClientIpPerHour = 2,
            beforeAuthentication: a =>
            {
                a.UseTestPeerAddress();
                if (useForwardedHeaders)
                {
                    // Default KnownProxies: loopback only. The client below is not a proxy.
                    a.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor });
                }
            });
        var statuses = await SendFromOnePeerWithRandomForwardedForAsync(app, "203.0.113.7", 3);

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task B19_Control_behind_a_trusted_proxy_X_Forwarded_For_does_tell_clients_apart()
    {
        await using var app = await SmsOtpTestApp.StartAsync(
            handler: o => o.Throttling.MaxSendsPerClientIpPerHour = 2,
            beforeAuthentication: a =>
            {
                a.UseTestPeerAddress();
                var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
                options.KnownProxies.Add(IPAddress.Parse("203.0.113.7"));
                a.UseForwardedHeaders(options);
            });
        var statuses = await SendFromOnePeerWithRandomForwardedForAsync(app, "203.0.113.7", 3);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.SeeOther, s));
    }

    [Fact]
    public async Task B19_Clients_whose_IP_is_unknown_share_one_bucket_fail_closed()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.Throttling.MaxSendsPerClientIpPerHour = 2);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var browser = app.CreateBrowser();   // TestServer gives no remote address
            using var sent = await browser.SubmitPhoneAsync(await browser.OpenPhonePageAsync(), "+1617555" + (3000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            statuses.Add(sent.StatusCode);
        }

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData("https://evil.test", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("http://app.test", HttpStatusCode.Forbidden)]   // same host, other scheme: another origin
    public async Task B20_A_cross_site_post_to_the_challenge_endpoint_sends_no_SMS(string origin, HttpStatusCode expected)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var sent = await browser.PostFormAsync(
            MosaicSmsOtpDefaults.SignInPath,
            [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(phonePage)), new("phone_number", SignInDriver.PhoneNumber)],
            followRedirects: false,
            origin: origin);

        Assert.Equal(expected, sent.StatusCode);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
        Assert.Contains(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.RequestRefused);
    }

    [Fact]
    public async Task B20_A_post_without_the_antiforgery_token_sends_no_SMS_even_from_this_origin()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        await browser.OpenPhonePageAsync();

        using var sent = await browser.PostFormAsync(MosaicSmsOtpDefaults.SignInPath, [new("phone_number", SignInDriver.PhoneNumber)], followRedirects: false);
        using var noOrigin = await browser.PostFormAsync(MosaicSmsOtpDefaults.SignInPath, [new("phone_number", SignInDriver.PhoneNumber)], followRedirects: false, origin: null);

        Assert.Equal(HttpStatusCode.BadRequest, sent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noOrigin.StatusCode);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task B20_Cross_site_posts_to_resend_and_validate_are_refused_too()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var token = TestBrowser.AntiforgeryToken(codePage);
        app.Time.Advance(TimeSpan.FromSeconds(61));

        using var resend = await browser.PostFormAsync(MosaicSmsOtpDefaults.ResendPath, [new("__RequestVerificationToken", token)], followRedirects: false, origin: "https://evil.test");
        using var validate = await browser.PostFormAsync(MosaicSmsOtpDefaults.VerifyPath, [new("__RequestVerificationToken", token), new("passcode", "123456")], followRedirects: false, origin: "https://evil.test");

        Assert.Equal(HttpStatusCode.Forbidden, resend.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, validate.StatusCode);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
    }

    private static async Task<List<HttpStatusCode>> SendFromOnePeerWithRandomForwardedForAsync(SmsOtpTestApp app, string peer, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            var browser = app.CreateBrowserFrom(peer);
            var phonePage = await browser.OpenPhonePageAsync();
            using var sent = await browser.SubmitPhoneWithHeadersAsync(
                phonePage,
                "+1617555" + (4000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ("X-Forwarded-For", $"198.18.{i}.{Random.Shared.Next(1, 254)}"));
            statuses.Add(sent.StatusCode);
        }

        return statuses;
    }

    private static async Task<(HttpStatusCode Status, string RetryAfter, string Body, string Headers)> TwiceAsync(SmsOtpTestApp app, string phoneNumber)
    {
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();
        using var first = await browser.SubmitPhoneAsync(phonePage, phoneNumber);
        using var second = await browser.SubmitPhoneAsync(phonePage, phoneNumber);
        return (second.StatusCode, second.Header("Retry-After"), SecurityTestKit.WithoutAntiforgery(await second.Content.ReadAsStringAsync()), string.Join(",", second.HeaderNames()));
    }
}
