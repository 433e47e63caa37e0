using System.Net;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>Checklist B-10 to B-12: nothing the browser sees tells a registered number from an unregistered one.</summary>
public sealed class EnumerationTests
{
    // Same country code and last four digits, so even the masked number on the code page is the same.
    private const string Known = "+16175551212";
    private const string Unknown = "+16175561212";

    internal static Task<SmsOtpTestApp> StartWithSignUpOffAsync(Action<MosaicSmsOtpOptions>? handler = null) => SmsOtpTestApp.StartAsync(
        handler: o =>
        {
            o.CreateNewUser = false;
            handler?.Invoke(o);
        },
        emulator: o =>
        {
            o.Clients[0].PublicSignUp = false;
            o.Users.Add(new MosaicEmulatorUser { UserId = "u-known", PhoneNumber = Known });
        });

    [Fact]
    public async Task B10_The_send_answer_and_the_code_page_are_the_same_for_a_registered_and_an_unregistered_number()
    {
        await using var app = await StartWithSignUpOffAsync();

        var known = await SendAsync(app, Known);
        var unknown = await SendAsync(app, Unknown);

        Assert.Equal(HttpStatusCode.SeeOther, known.Status);
        Assert.Equal(known, unknown);
        Assert.Single(app.Emulator.Outbox.GetMessages());   // only the registered number got an SMS
        Assert.Contains(app.HandlerEvents(), r => r.Id.Id == MosaicSmsOtpLogEvents.UnknownUser);
    }

    [Fact]
    public async Task B10_A_number_from_a_country_not_allowed_gets_a_form_error_and_no_SMS_whatever_its_account()
    {
        await using var app = await StartWithSignUpOffAsync(o => o.PhoneNumbers.AllowedRegions.Add("GB"));
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var known = await browser.SubmitPhoneAsync(phonePage, Known);
        using var unknown = await browser.SubmitPhoneAsync(phonePage, Unknown);

        Assert.Equal(HttpStatusCode.BadRequest, known.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(
            SecurityTestKit.WithoutAntiforgery(await known.Content.ReadAsStringAsync()).Replace(Known[1..], "N", StringComparison.Ordinal),
            SecurityTestKit.WithoutAntiforgery(await unknown.Content.ReadAsStringAsync()).Replace(Unknown[1..], "N", StringComparison.Ordinal));
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task B11_Registered_and_unregistered_numbers_make_exactly_the_same_upstream_calls()
    {
        // Timing is not asserted (timings belong in benchmarks). What makes the two paths take the same time is
        // structural: the same upstream calls, in the same number, and the same answer. That is asserted here.
        await using var knownApp = await StartWithSignUpOffAsync();
        await using var unknownApp = await StartWithSignUpOffAsync();

        var known = await SendAsync(knownApp, Known);
        var unknown = await SendAsync(unknownApp, Unknown);

        Assert.Equal(known, unknown);
        foreach (var endpoint in Enum.GetValues<MosaicEmulatorEndpoint>())
        {
            Assert.Equal(knownApp.Emulator.Counters.Get(endpoint), unknownApp.Emulator.Counters.Get(endpoint));
        }

        Assert.Equal(1, unknownApp.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task B12_A_wrong_code_gets_the_same_answer_for_a_registered_and_an_unregistered_number()
    {
        await using var app = await StartWithSignUpOffAsync();
        var knownBrowser = app.CreateBrowser();
        var knownPage = await knownBrowser.StartAndSendCodeAsync(phoneNumber: Known);
        var unknownBrowser = app.CreateBrowser();
        var unknownPage = await unknownBrowser.StartAndSendCodeAsync(phoneNumber: Unknown);
        var wrong = SecurityTestKit.WrongCode(app.Emulator.Outbox.GetLatest(Known)!.Code);

        using var known = await knownBrowser.SubmitCodeAsync(knownPage, wrong);
        using var unknown = await unknownBrowser.SubmitCodeAsync(unknownPage, wrong);

        Assert.Equal(HttpStatusCode.BadRequest, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.HeaderNames(), unknown.HeaderNames());
        Assert.Equal(SecurityTestKit.WithoutAntiforgery(await known.Content.ReadAsStringAsync()), SecurityTestKit.WithoutAntiforgery(await unknown.Content.ReadAsStringAsync()));
        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
    }

    /// <summary>What a browser sees of a send: the answer and the code page it leads to.</summary>
    private static async Task<Observed> SendAsync(SmsOtpTestApp app, string phoneNumber)
    {
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();
        using var sent = await browser.SubmitPhoneAsync(phonePage, phoneNumber);
        var codePage = await browser.OpenCodePageAsync();
        using var again = await browser.SubmitPhoneAsync(phonePage, phoneNumber);
        return new Observed(
            sent.StatusCode,
            sent.Headers.Location?.OriginalString,
            string.Join(",", sent.HeaderNames()),
            string.Join(",", sent.SetCookies().Select(c => c.Split('=')[0]).Order(StringComparer.Ordinal)),
            await sent.Content.ReadAsStringAsync(),
            SecurityTestKit.WithoutAntiforgery(codePage),
            again.StatusCode,
            again.Header("Retry-After"),
            SecurityTestKit.WithoutAntiforgery(await again.Content.ReadAsStringAsync()));
    }

    private sealed record Observed(HttpStatusCode Status, string? Location, string HeaderNames, string CookieNames, string Body, string CodePage, HttpStatusCode SecondStatus, string SecondRetryAfter, string SecondBody);
}
