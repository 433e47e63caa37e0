using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SmsOtp.AspNetCore.Mosaic;

namespace SmsOtp.AspNetCore.Tests.Mosaic;

/// <summary>
/// The discovery document and keys: cached 12 h, refreshed on request at most every 5 minutes with the reader waiting,
/// kept on failure, fetched once for all concurrent readers, and never made stale by a fetch that predates a refresh.
/// </summary>
public sealed class MosaicConfigurationManagerTests
{
    private const int HangGuard = 30_000;
    private const int Readers = 50;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeRetriever _retriever = new();
    private readonly MosaicConfigurationManager _manager;

    public MosaicConfigurationManagerTests() => _manager = new MosaicConfigurationManager(FakeRetriever.DiscoveryAddress, _retriever, () => _time);

    [Fact(Timeout = HangGuard)]
    public async Task Keys_are_cached_for_12_hours()
    {
        Assert.Equal("key-1", KidOf(await _manager.GetConfigurationAsync(CancellationToken.None)));
        _time.Advance(MosaicConfigurationManager.AutomaticRefreshInterval - TimeSpan.FromTicks(1));
        Assert.Equal("key-1", KidOf(await _manager.GetConfigurationAsync(CancellationToken.None)));
        Assert.Equal(1, _retriever.Fetches);

        _time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal("key-2", KidOf(await _manager.GetConfigurationAsync(CancellationToken.None)));
        Assert.Equal(2, _retriever.Fetches);
    }

    [Fact(Timeout = HangGuard)]
    public async Task A_requested_refresh_makes_the_next_read_fetch_at_most_once_per_5_minutes()
    {
        await _manager.GetConfigurationAsync(CancellationToken.None);

        _manager.RequestRefresh();
        Assert.Equal("key-2", KidOf(await _manager.GetConfigurationAsync(CancellationToken.None)));

        _time.Advance(MosaicConfigurationManager.RefreshInterval - TimeSpan.FromTicks(1));
        _manager.RequestRefresh();
        Assert.Equal("key-2", KidOf(await _manager.GetConfigurationAsync(CancellationToken.None)));
        Assert.Equal(2, _retriever.Fetches);

        _time.Advance(TimeSpan.FromTicks(1));
        _manager.RequestRefresh();
        Assert.Equal("key-3", KidOf(await _manager.GetConfigurationAsync(CancellationToken.None)));
    }

    [Fact(Timeout = HangGuard)]
    public async Task A_fetch_in_flight_when_a_refresh_is_requested_does_not_cancel_the_refresh()
    {
        await _manager.GetConfigurationAsync(CancellationToken.None);
        _time.Advance(MosaicConfigurationManager.AutomaticRefreshInterval);
        var held = _retriever.HoldNext();
        var reading = _manager.GetConfigurationAsync(CancellationToken.None);
        await held.Arrived;

        // Mosaic rotated its keys after the held fetch read them: a token signed with the new key asks for a refresh.
        _manager.RequestRefresh();
        held.Release();
        Assert.Equal("key-2", KidOf(await reading));

        Assert.Equal("key-3", KidOf(await _manager.GetConfigurationAsync(CancellationToken.None)));
        Assert.Equal(3, _retriever.Fetches);
    }

    [Fact(Timeout = HangGuard)]
    public async Task A_reader_that_follows_a_refresh_request_does_not_settle_for_a_fetch_that_started_before_it()
    {
        await _manager.GetConfigurationAsync(CancellationToken.None);
        _time.Advance(MosaicConfigurationManager.AutomaticRefreshInterval);
        var held = _retriever.HoldNext();
        var before = _manager.GetConfigurationAsync(CancellationToken.None);
        await held.Arrived;
        _manager.RequestRefresh();

        var after = _manager.GetConfigurationAsync(CancellationToken.None);
        held.Release();

        Assert.Equal("key-2", KidOf(await before));
        Assert.Equal("key-3", KidOf(await after));
        Assert.Equal(3, _retriever.Fetches);
    }

    [Fact(Timeout = HangGuard)]
    public async Task Concurrent_readers_during_one_failing_fetch_make_one_fetch_and_all_get_the_failure()
    {
        var held = _retriever.HoldNext();
        var readers = Enumerable.Range(0, Readers).Select(_ => _manager.GetConfigurationAsync(CancellationToken.None)).ToArray();
        await held.Arrived;

        held.Fail(new HttpRequestException("Mosaic is down"));

        foreach (var reader in readers)
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => reader);
            Assert.NotNull(failure.InnerException);
        }

        Assert.Equal(1, _retriever.Fetches);
    }

    [Fact(Timeout = HangGuard)]
    public async Task With_nothing_cached_a_failure_is_remembered_briefly_then_a_new_fetch_happens()
    {
        _retriever.FailNext(new HttpRequestException("Mosaic is down"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _manager.GetConfigurationAsync(CancellationToken.None));

        _time.Advance(MosaicConfigurationManager.FailureMemory - TimeSpan.FromTicks(1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _manager.GetConfigurationAsync(CancellationToken.None));
        Assert.Equal(1, _retriever.Fetches);

        _time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal("key-2", KidOf(await _manager.GetConfigurationAsync(CancellationToken.None)));
        Assert.Equal(2, _retriever.Fetches);
    }

    [Fact(Timeout = HangGuard)]
    public async Task Cached_keys_are_kept_when_a_fetch_fails_and_the_next_try_waits_for_the_refresh_interval()
    {
        await _manager.GetConfigurationAsync(CancellationToken.None);
        _time.Advance(MosaicConfigurationManager.AutomaticRefreshInterval);
        _retriever.FailNext(new HttpRequestException("Mosaic is down"));

        Assert.Equal("key-1", KidOf(await _manager.GetConfigurationAsync(CancellationToken.None)));
        _time.Advance(MosaicConfigurationManager.RefreshInterval - TimeSpan.FromTicks(1));
        Assert.Equal("key-1", KidOf(await _manager.GetConfigurationAsync(CancellationToken.None)));
        Assert.Equal(2, _retriever.Fetches);

        _time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal("key-3", KidOf(await _manager.GetConfigurationAsync(CancellationToken.None)));
    }

    [Fact(Timeout = HangGuard)]
    public async Task A_reader_cancelled_while_waiting_does_not_cancel_the_fetch_for_the_others()
    {
        var held = _retriever.HoldNext();
        using var impatient = new CancellationTokenSource();
        var cancelled = _manager.GetConfigurationAsync(impatient.Token);
        var patient = _manager.GetConfigurationAsync(CancellationToken.None);
        var fetchToken = await held.Arrived;

        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(fetchToken.IsCancellationRequested);
        held.Release();
        Assert.Equal("key-1", KidOf(await patient));
        Assert.Equal(1, _retriever.Fetches);
    }

    private static string? KidOf(OpenIdConnectConfiguration configuration) => configuration.JsonWebKeySet.Keys.Single().Kid;

    /// <summary>Serves a discovery document and a JWKS whose key id counts the discovery fetches (key-1, key-2, …).</summary>
    private sealed class FakeRetriever : IDocumentRetriever
    {
        public const string DiscoveryAddress = "https://mosaic.test/cis/oidc/.well-known/openid-configuration";
        private const string JwksAddress = "https://mosaic.test/cis/oidc/jwks";
        private static readonly RSAParameters Key = CreateKey();
        private readonly ConcurrentQueue<HeldFetch> _next = new();
        private int _fetches;

        public int Fetches => Volatile.Read(ref _fetches);

        public HeldFetch HoldNext()
        {
            var held = new HeldFetch();
            _next.Enqueue(held);
            return held;
        }

        public void FailNext(Exception exception) => HoldNext().Fail(exception);

        public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            if (address == JwksAddress)
            {
                return $$"""{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"key-{{Fetches}}","e":"{{Base64Url.EncodeToString(Key.Exponent)}}","n":"{{Base64Url.EncodeToString(Key.Modulus)}}"}]}""";
            }

            Assert.Equal(DiscoveryAddress, address);
            Interlocked.Increment(ref _fetches);
            if (_next.TryDequeue(out var held))
            {
                await held.WaitAsync(cancel);
            }

            return $$"""{"issuer":"https://userid.security","jwks_uri":"{{JwksAddress}}"}""";
        }

        private static RSAParameters CreateKey()
        {
            using var rsa = RSA.Create(2048);
            return rsa.ExportParameters(includePrivateParameters: false);
        }
    }

    /// <summary>A fetch the test holds, then releases or fails; <see cref="Arrived"/> gives the fetch's cancellation token.</summary>
    private sealed class HeldFetch
    {
        private readonly TaskCompletionSource _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<CancellationToken> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<CancellationToken> Arrived => _arrived.Task;

        public void Release() => _outcome.SetResult();

        public void Fail(Exception exception) => _outcome.SetException(exception);

        public Task WaitAsync(CancellationToken cancel)
        {
            _arrived.TrySetResult(cancel);
            return _outcome.Task.WaitAsync(cancel);
        }
    }
}
