using System.Net;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Diagnostics;

/// <summary>The funnel and Mosaic metrics (docs/diagnostics.md), read with <see cref="MetricCollector{T}"/> from the app's own meter factory.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task A_sign_in_counts_one_code_sent_validated_and_signed_in_tagged_with_scheme_and_country_code_only()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        using var metrics = new Collectors(app);

        using var landed = await app.CreateBrowser().SignInAsync(app);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        var sent = Assert.Single(metrics.CodesSent.GetMeasurementSnapshot());
        Assert.Equal(1, sent.Value);
        Assert.Equal(MosaicSmsOtpDefaults.AuthenticationScheme, sent.Tags[MosaicSmsOtpTags.Scheme]);
        Assert.Equal("1", sent.Tags[MosaicSmsOtpTags.CountryCode]);
        Assert.Equal(false, sent.Tags[MosaicSmsOtpTags.Resend]);
        var validated = Assert.Single(metrics.Validations.GetMeasurementSnapshot());
        Assert.Equal("success", validated.Tags[MosaicSmsOtpTags.Result]);
        Assert.False(validated.Tags.ContainsKey(MosaicSmsOtpTags.ErrorType));
        Assert.Single(metrics.TimeToValidate.GetMeasurementSnapshot(), m => m.Value >= 0);
        var signedIn = Assert.Single(metrics.SignIns.GetMeasurementSnapshot());
        Assert.Equal("success", signedIn.Tags[MosaicSmsOtpTags.Result]);
        Assert.Equal("1", signedIn.Tags[MosaicSmsOtpTags.CountryCode]);

        // One Mosaic timing per call, in one vocabulary.
        var calls = metrics.MosaicCalls.GetMeasurementSnapshot().Select(m => $"{m.Tags[MosaicSmsOtpTags.MosaicOperation]}:{m.Tags[MosaicSmsOtpTags.MosaicResult]}").Order(StringComparer.Ordinal);
        Assert.Equal(["exchange:succeeded", "send:sent", "validate:succeeded"], calls);
        metrics.AssertNoTagHoldsTheNumber();
    }

    [Fact]
    public async Task The_time_to_validate_is_measured_on_the_app_s_clock_from_the_first_code()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        using var metrics = new Collectors(app);
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        app.Time.Advance(TimeSpan.FromSeconds(42));
        using var validated = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);

        Assert.Equal(HttpStatusCode.SeeOther, validated.StatusCode);
        // The test clock ticks a little on each read: 42 s plus those ticks.
        Assert.InRange(Assert.Single(metrics.TimeToValidate.GetMeasurementSnapshot()).Value, 42, 42.1);
    }

    [Fact]
    public async Task Refusals_are_counted_by_error_type_and_throttles_by_reason()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        using var metrics = new Collectors(app);
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        using var wrong = await browser.SubmitCodeAsync(codePage, SecurityTestKit.WrongCode(app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code));
        using var tooSoon = await browser.SubmitPhoneAsync(await browser.OpenPhonePageAsync());
        app.Emulator.Faults.Set(Testing.MosaicEmulatorEndpoint.ValidateSms, new Testing.MosaicEmulatorFault { StatusCode = 503, Times = 1 });
        using var down = await browser.SubmitCodeAsync(codePage, "123456");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable), (wrong.StatusCode, tooSoon.StatusCode, down.StatusCode));
        var refused = Assert.Single(metrics.Validations.GetMeasurementSnapshot());
        Assert.Equal(("failure", "invalid_code"), (refused.Tags[MosaicSmsOtpTags.Result], refused.Tags[MosaicSmsOtpTags.ErrorType]));
        var throttled = Assert.Single(metrics.Throttled.GetMeasurementSnapshot());
        Assert.Equal(("resend_cooldown", "1"), (throttled.Tags[MosaicSmsOtpTags.ThrottleReason], throttled.Tags[MosaicSmsOtpTags.CountryCode]));
        var unavailable = Assert.Single(metrics.MosaicCalls.GetMeasurementSnapshot(), m => m.Tags[MosaicSmsOtpTags.MosaicOperation] as string == "validate" && m.Tags.ContainsKey(MosaicSmsOtpTags.ErrorType));
        Assert.Equal("unavailable", unavailable.Tags[MosaicSmsOtpTags.ErrorType]);
        Assert.Empty(metrics.TimeToValidate.GetMeasurementSnapshot());
        metrics.AssertNoTagHoldsTheNumber();
    }

    [Fact]
    public async Task A_resend_is_counted_as_a_resend_and_a_lost_flow_as_a_failed_sign_in()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        using var metrics = new Collectors(app);
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        app.Time.Advance(TimeSpan.FromSeconds(61));

        using var resent = await browser.PostFormAsync(MosaicSmsOtpDefaults.ResendPath, [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(codePage))], followRedirects: false);
        using var lost = await app.CreateBrowser().GetAsync(MosaicSmsOtpDefaults.CallbackPath + "?code=x", followRedirects: false);

        Assert.Equal((HttpStatusCode.SeeOther, HttpStatusCode.BadRequest), (resent.StatusCode, lost.StatusCode));
        Assert.Equal([false, true], metrics.CodesSent.GetMeasurementSnapshot().Select(m => (bool)m.Tags[MosaicSmsOtpTags.Resend]!));
        var signIn = Assert.Single(metrics.SignIns.GetMeasurementSnapshot());
        Assert.Equal(("failure", "no_flow", "unknown"), (signIn.Tags[MosaicSmsOtpTags.Result], signIn.Tags[MosaicSmsOtpTags.ErrorType], signIn.Tags[MosaicSmsOtpTags.CountryCode]));
    }

    /// <summary>One collector per instrument of the app's meter; created before the requests so nothing is missed.</summary>
    private sealed class Collectors(SmsOtpTestApp app) : IDisposable
    {
        public MetricCollector<long> CodesSent { get; } = Create<long>(app, "smsotp.codes.sent");

        public MetricCollector<long> Validations { get; } = Create<long>(app, "smsotp.code.validations");

        public MetricCollector<double> TimeToValidate { get; } = Create<double>(app, "smsotp.code.validation.time");

        public MetricCollector<long> SignIns { get; } = Create<long>(app, "smsotp.sign_ins");

        public MetricCollector<long> Throttled { get; } = Create<long>(app, "smsotp.throttled");

        public MetricCollector<double> MosaicCalls { get; } = Create<double>(app, "smsotp.mosaic.request.duration");

        public void AssertNoTagHoldsTheNumber()
        {
            var values = CodesSent.GetMeasurementSnapshot().SelectMany(m => m.Tags.Values)
                .Concat(Validations.GetMeasurementSnapshot().SelectMany(m => m.Tags.Values))
                .Concat(SignIns.GetMeasurementSnapshot().SelectMany(m => m.Tags.Values))
                .Concat(Throttled.GetMeasurementSnapshot().SelectMany(m => m.Tags.Values))
                .Select(v => v?.ToString() ?? string.Empty);
            Assert.DoesNotContain(values, v => v.Contains("5551212", StringComparison.Ordinal));
        }

        public void Dispose()
        {
            CodesSent.Dispose();
            Validations.Dispose();
            TimeToValidate.Dispose();
            SignIns.Dispose();
            Throttled.Dispose();
            MosaicCalls.Dispose();
        }

        private static MetricCollector<T> Create<T>(SmsOtpTestApp app, string instrument)
            where T : struct
            => new(app.App.Services.GetRequiredService<IMeterFactory>(), MosaicSmsOtpMetrics.MeterName, instrument, app.Time);
    }
}
