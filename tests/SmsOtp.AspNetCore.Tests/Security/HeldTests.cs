using System.Net;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>
/// What held in the round-two attack (issue 12, "keep it held"), end to end through the app: parallel sends, parallel
/// guesses, parallel callbacks, a foreign Host. Bounded in count; deterministic counts only.
/// </summary>
public sealed class HeldTests
{
    [Fact]
    public async Task Held_Twenty_parallel_sends_to_one_number_send_one_SMS()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browsers = Enumerable.Range(0, 20).Select(_ => app.CreateBrowser()).ToArray();
        var pages = await Task.WhenAll(browsers.Select(b => b.OpenPhonePageDirectlyAsync()));

        var sends = await Task.WhenAll(browsers.Select((b, i) => b.SubmitPhoneAsync(pages[i])));

        Assert.Single(sends, s => s.StatusCode == HttpStatusCode.SeeOther);
        Assert.All(sends.Where(s => s.StatusCode != HttpStatusCode.SeeOther), s => Assert.Equal(HttpStatusCode.TooManyRequests, s.StatusCode));
        Assert.Single(app.Emulator.Outbox.GetMessages(SignInDriver.PhoneNumber));
    }

    [Fact]
    public async Task Held_Forty_parallel_sends_from_one_client_IP_send_exactly_its_hourly_cap()
    {
        await using var app = await SmsOtpTestApp.StartAsync(beforeAuthentication: a => a.UseTestPeerAddress());
        var browsers = Enumerable.Range(0, 40).Select(_ => app.CreateBrowserFrom("198.51.100.7")).ToArray();
        var pages = await Task.WhenAll(browsers.Select(b => b.OpenPhonePageDirectlyAsync()));

        var sends = await Task.WhenAll(browsers.Select((b, i) => b.SubmitPhoneAsync(pages[i], "+1617555" + (7000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(20, sends.Count(s => s.StatusCode == HttpStatusCode.SeeOther));
        Assert.Equal(20, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task Held_Fifty_parallel_guesses_on_one_flow_reach_Mosaic_five_times()
    {
        await using var app = await SmsOtpTestApp.StartAsync(emulator: o => o.Otp.MaxFailures = 20);
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var token = TestBrowser.AntiforgeryToken(codePage);
        var cookies = browser.Cookies.GetCookieHeader(SmsOtpTestApp.AppBase);
        using var client = new HttpMessageInvoker(app.Server.CreateHandler());

        var guesses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(SmsOtpTestApp.AppBase, MosaicSmsOtpDefaults.VerifyPath))
            {
                Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("passcode", (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))]),
            };
            request.Headers.Add("Origin", "https://app.test");
            request.Headers.Add("Cookie", cookies);
            return client.SendAsync(request, CancellationToken.None);
        }));

        Assert.Equal(5, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
        Assert.Equal(45, guesses.Count(g => g.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Held_Parallel_callbacks_of_one_flow_give_one_session()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var callback = await browser.GetCallbackUrlAsync(app);
        var cookies = browser.Cookies.GetCookieHeader(callback);
        using var client = new HttpMessageInvoker(app.Server.CreateHandler());

        var landed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, callback);
            request.Headers.Add("Cookie", cookies);
            return client.SendAsync(request, CancellationToken.None);
        }));

        Assert.Single(landed, l => l.SetCookie(SecurityTestKit.AuthCookieName) is not null);
    }

    [Fact]
    public async Task Held_A_foreign_Host_header_builds_a_redirect_URI_Mosaic_refuses_and_no_SMS_goes_out()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var foreign = new Uri("https://evil.test/");
        var browser = new TestBrowser(foreign, new Dictionary<string, HttpMessageHandler>
        {
            [foreign.Authority] = app.Server.CreateHandler(),
            [app.Emulator.BaseAddress.Authority] = app.Emulator.CreateHandler(),
        });
        using var page = await browser.GetAsync(MosaicSmsOtpDefaults.SignInPath);
        var phonePage = await page.Content.ReadAsStringAsync();

        using var sent = await browser.SubmitPhoneAsync(phonePage);

        // Mosaic was asked and refused the redirect URI built from the foreign host: no local shortcut hides it.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, sent.StatusCode);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
        Assert.Empty(app.Emulator.Outbox.GetMessages());
        Assert.DoesNotContain("evil.test", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
