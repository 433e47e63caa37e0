using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Diagnostics;

/// <summary>The only tests that listen to the process-wide activity source: they run alone.</summary>
[CollectionDefinition(nameof(ActivityListenerCollection), DisableParallelization = true)]
public sealed class ActivityListenerCollection;

/// <summary>The package's spans (docs/diagnostics.md): one per step, a client span per Mosaic call, tags and error status.</summary>
[Collection(nameof(ActivityListenerCollection))]
public sealed class ActivityTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly SemaphoreSlim _stoppedOne = new(0);
    private readonly ActivityListener _listener;

    public ActivityTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MosaicSmsOtpDefaults.DiagnosticsName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                _stopped.Enqueue(activity);
                _stoppedOne.Release();
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _stoppedOne.Dispose();
    }

    /// <summary>
    /// The spans stopped so far, once <paramref name="complete"/> holds for them: a step's span ends when its handler
    /// returns, which can be after the browser already has the answer (seen on a loaded CI run).
    /// </summary>
    private async Task<Activity[]> StoppedOnceAsync(Func<Activity[], bool> complete)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var spans = _stopped.ToArray();
        while (!complete(spans))
        {
            await _stoppedOne.WaitAsync(timeout.Token);
            spans = _stopped.ToArray();
        }

        return spans;
    }

    private static int Count(Activity[] spans, string operation) => spans.Count(a => a.OperationName == operation);

    [Fact]
    public async Task A_sign_in_traces_each_step_with_its_scheme_and_each_Mosaic_call_as_a_client_child_span()
    {
        await using var app = await SmsOtpTestApp.StartAsync();

        using var landed = await app.CreateBrowser().SignInAsync(app);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        var spans = await StoppedOnceAsync(spans => new[] { "SmsOtp.SendCode", "SmsOtp.ValidateCode", "SmsOtp.Callback", "SmsOtp.Mosaic send", "SmsOtp.Mosaic validate", "SmsOtp.Mosaic exchange" }
            .All(operation => Count(spans, operation) >= 1));
        foreach (var step in new[] { "SmsOtp.SendCode", "SmsOtp.ValidateCode", "SmsOtp.Callback" })
        {
            var span = Assert.Single(spans, a => a.OperationName == step);
            Assert.Equal(MosaicSmsOtpDefaults.AuthenticationScheme, span.GetTagItem(MosaicSmsOtpTags.Scheme));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        }

        var send = Assert.Single(spans, a => a.OperationName == "SmsOtp.Mosaic send");
        Assert.Equal(ActivityKind.Client, send.Kind);
        Assert.Equal("sent", send.GetTagItem(MosaicSmsOtpTags.MosaicResult));
        Assert.Equal(Assert.Single(spans, a => a.OperationName == "SmsOtp.SendCode").SpanId, send.ParentSpanId);
        Assert.Single(spans, a => a.OperationName == "SmsOtp.Mosaic validate");
        Assert.Single(spans, a => a.OperationName == "SmsOtp.Mosaic exchange");
        Assert.Equal("1", Assert.Single(spans, a => a.OperationName == "SmsOtp.Callback").GetTagItem(MosaicSmsOtpTags.CountryCode));
    }

    [Fact]
    public async Task A_refused_step_and_a_failed_Mosaic_call_have_error_status_and_error_type()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        using var wrong = await browser.SubmitCodeAsync(codePage, SecurityTestKit.WrongCode(app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code));
        app.Emulator.Faults.Set(Testing.MosaicEmulatorEndpoint.ValidateSms, new Testing.MosaicEmulatorFault { StatusCode = 503, Times = 1 });
        using var down = await browser.SubmitCodeAsync(codePage, "123456");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.ServiceUnavailable), (wrong.StatusCode, down.StatusCode));
        var spans = await StoppedOnceAsync(spans => Count(spans, "SmsOtp.ValidateCode") >= 2);
        var steps = spans.Where(a => a.OperationName == "SmsOtp.ValidateCode").ToArray();
        Assert.Equal(["invalid_code", "mosaic_unavailable"], steps.Select(a => a.GetTagItem(MosaicSmsOtpTags.ErrorType)));
        Assert.All(steps, a => Assert.Equal(ActivityStatusCode.Error, a.Status));
        var failedCall = Assert.Single(spans, a => a.OperationName == "SmsOtp.Mosaic validate" && a.Status == ActivityStatusCode.Error);
        Assert.Equal("unavailable", failedCall.GetTagItem(MosaicSmsOtpTags.ErrorType));
        Assert.DoesNotContain(spans.SelectMany(a => a.TagObjects), t => t.Value?.ToString()?.Contains("5551212", StringComparison.Ordinal) == true);
    }
}
