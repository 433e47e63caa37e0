using SmsOtp.AspNetCore.Mosaic;

namespace SmsOtp.AspNetCore.Tests.Mosaic;

/// <summary>One client-token fetch at a time, shared by every caller with its result or its failure.</summary>
public sealed class MosaicClientTokenCacheTests
{
    private const int Callers = 50;

    // Turns a regression that leaves a caller waiting forever into a failure; passing tests never come near it.
    private const int HangGuard = 30_000;
    private readonly FakeMosaic _mosaic = new();
    private readonly MosaicClientTokenCache _cache = new(FakeMosaic.CreateBackchannel());
    private readonly MosaicSmsOtpOptions _options;

    public MosaicClientTokenCacheTests() => _options = _mosaic.CreateOptions();

    [Fact(Timeout = HangGuard)]
    public async Task Concurrent_callers_during_one_failing_fetch_make_one_upstream_call_and_all_get_the_failure()
    {
        var held = Hold();
        var callers = Enumerable.Range(0, Callers).Select(_ => _cache.GetTokenAsync(_options, CancellationToken.None).AsTask()).ToArray();
        await held.Arrived;

        held.Release(503, """{"message":"Service unavailable","error_code":503}""");

        foreach (var caller in callers)
        {
            var failure = await Assert.ThrowsAsync<MosaicApiException>(() => caller);
            Assert.Equal(MosaicFailureKind.Unavailable, failure.Kind);
        }

        Assert.Equal(1, _mosaic.Calls(FakeMosaic.TokenPath));
    }

    [Fact(Timeout = HangGuard)]
    public async Task Concurrent_callers_during_one_successful_fetch_share_its_token()
    {
        var held = Hold();
        var callers = Enumerable.Range(0, Callers).Select(_ => _cache.GetTokenAsync(_options, CancellationToken.None).AsTask()).ToArray();
        await held.Arrived;

        held.Release(200, """{"access_token":"shared","token_type":"Bearer","expires_in":3600}""");

        Assert.All(await Task.WhenAll(callers), token => Assert.Equal("shared", token));
        Assert.Equal(1, _mosaic.Calls(FakeMosaic.TokenPath));
    }

    [Fact(Timeout = HangGuard)]
    public async Task A_failure_is_remembered_briefly_then_a_new_fetch_happens()
    {
        _mosaic.On(FakeMosaic.TokenPath, 503, "");
        await Assert.ThrowsAsync<MosaicApiException>(() => _cache.GetTokenAsync(_options, CancellationToken.None).AsTask());

        // Within the failure memory: no new upstream call, the same kind of failure.
        _mosaic.Time.Advance(MosaicClientTokenCache.FailureMemory - TimeSpan.FromMilliseconds(1));
        _mosaic.On(FakeMosaic.TokenPath, 200, """{"access_token":"after","expires_in":3600}""");
        var remembered = await Assert.ThrowsAsync<MosaicApiException>(() => _cache.GetTokenAsync(_options, CancellationToken.None).AsTask());
        Assert.Equal(MosaicFailureKind.Unavailable, remembered.Kind);
        Assert.Equal(1, _mosaic.Calls(FakeMosaic.TokenPath));

        _mosaic.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("after", await _cache.GetTokenAsync(_options, CancellationToken.None));
        Assert.Equal(2, _mosaic.Calls(FakeMosaic.TokenPath));
    }

    [Fact(Timeout = HangGuard)]
    public async Task Each_caller_gets_its_own_exception_with_the_shared_failure_inside()
    {
        _mosaic.On(FakeMosaic.TokenPath, 429, "");
        var first = await Assert.ThrowsAsync<MosaicApiException>(() => _cache.GetTokenAsync(_options, CancellationToken.None).AsTask());
        var second = await Assert.ThrowsAsync<MosaicApiException>(() => _cache.GetTokenAsync(_options, CancellationToken.None).AsTask());

        Assert.NotSame(first, second);
        Assert.Same(first.InnerException, second.InnerException);
        Assert.Equal((MosaicFailureKind.RateLimited, MosaicFailureKind.RateLimited), (first.Kind, second.Kind));
    }

    [Fact(Timeout = HangGuard)]
    public async Task A_caller_cancelled_while_waiting_stops_waiting_and_does_not_cancel_the_fetch_for_the_others()
    {
        var held = Hold();
        using var impatient = new CancellationTokenSource();
        var cancelled = _cache.GetTokenAsync(_options, impatient.Token).AsTask();
        var patient = _cache.GetTokenAsync(_options, CancellationToken.None).AsTask();
        var upstream = await held.Arrived;

        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(upstream.IsCancellationRequested);
        Assert.False(patient.IsCompleted);
        held.Release(200, """{"access_token":"for-the-patient","expires_in":3600}""");
        Assert.Equal("for-the-patient", await patient);
        Assert.Equal(1, _mosaic.Calls(FakeMosaic.TokenPath));
    }

    [Fact(Timeout = HangGuard)]
    public async Task A_fetch_whose_only_caller_gave_up_still_completes_and_is_cached()
    {
        var held = Hold();
        using var impatient = new CancellationTokenSource();
        var cancelled = _cache.GetTokenAsync(_options, impatient.Token).AsTask();
        await held.Arrived;
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        held.Release(200, """{"access_token":"kept","expires_in":3600}""");

        // The next caller may arrive before the held fetch has stored its token: it then joins that fetch.
        Assert.Equal("kept", await _cache.GetTokenAsync(_options, CancellationToken.None));
        Assert.Equal(1, _mosaic.Calls(FakeMosaic.TokenPath));
    }

    [Fact(Timeout = HangGuard)]
    public async Task A_hanging_fetch_is_bounded_by_the_backchannel_timeout_for_every_waiter()
    {
        var held = Hold();
        var callers = Enumerable.Range(0, Callers).Select(_ => _cache.GetTokenAsync(_options, CancellationToken.None).AsTask()).ToArray();
        await held.Arrived;

        _mosaic.Time.Advance(_options.BackchannelTimeout);

        foreach (var caller in callers)
        {
            Assert.Equal(MosaicFailureKind.Unavailable, (await Assert.ThrowsAsync<MosaicApiException>(() => caller)).Kind);
        }

        Assert.Equal(1, _mosaic.Calls(FakeMosaic.TokenPath));
    }

    private HeldResponse Hold()
    {
        var held = new HeldResponse();
        _mosaic.On(FakeMosaic.TokenPath, held.RespondAsync);
        return held;
    }
}
