using System.Collections.Concurrent;
using System.Net;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// Mosaic client access tokens (<c>client_credentials</c>), cached until shortly before they expire. Mosaic cannot
/// refresh them and rate-limits the token endpoint, so one fetch at a time serves everyone who needs a token: callers
/// that arrive while it runs wait for the same fetch and share its result or its failure, and a failure is remembered
/// for <see cref="FailureMemory"/> so that a burst against a Mosaic that is down fails fast instead of queueing fetches
/// (each up to <c>BackchannelTimeout</c>) one behind another. The shared fetch runs under no caller's cancellation,
/// only under the backchannel timeout: a caller that gives up stops waiting, and the others still get the token.
/// </summary>
/// <remarks>
/// Not <c>HybridCache</c> or <c>IMemoryCache</c>, although their single flight would fit: a token's lifetime is known
/// only from Mosaic's answer (<c>expires_in</c>) while <c>HybridCache</c> takes an entry's expiry before its factory
/// runs; neither remembers a failure, which is what keeps a burst against a Mosaic that is down from queueing fetches;
/// their expiry runs on their own clock, not the scheme's <see cref="MosaicSmsOtpOptions.Clock"/> that the handler and
/// the tests use; and an eviction under memory pressure would cost a call to a rate-limited endpoint. The state is one
/// small slot per Mosaic and client id, so a dictionary is all the storage it needs.
/// </remarks>
internal sealed class MosaicClientTokenCache(MosaicBackchannel backchannel)
{
    internal static readonly TimeSpan FailureMemory = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public async ValueTask<string> GetTokenAsync(MosaicSmsOtpOptions options, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(KeyOf(options), static _ => new Slot());
        var now = options.Clock.GetUtcNow();
        if (slot.Current is { } cached && now < cached.RefreshAt)
        {
            return cached.Token;
        }

        Task<CachedToken> fetch;
        TaskCompletionSource<CachedToken>? started = null;
        lock (slot.Sync)
        {
            // Whoever took the lock before us may have fetched one already.
            if (slot.Current is { } fresh && now < fresh.RefreshAt)
            {
                return fresh.Token;
            }

            if (slot.InFlight is null && slot.Failure is { } failure && now < failure.Until)
            {
                throw Own(failure.Exception);
            }

            if (slot.InFlight is null)
            {
                started = new TaskCompletionSource<CachedToken>(TaskCreationOptions.RunContinuationsAsynchronously);
                slot.InFlight = started.Task;
            }

            fetch = slot.InFlight;
        }

        if (started is not null)
        {
            // Not awaited here: the caller that started the fetch waits for it like every other caller.
            _ = RunFetchAsync(options, slot, started);
        }

        try
        {
            return (await fetch.WaitAsync(cancellationToken).ConfigureAwait(false)).Token;
        }
        catch (MosaicApiException shared)
        {
            throw Own(shared);
        }
    }

    /// <summary>Forgets a token Mosaic refused, unless another request already replaced it.</summary>
    public void Invalidate(MosaicSmsOtpOptions options, string token)
    {
        if (_slots.TryGetValue(KeyOf(options), out var slot) && slot.Current is { } current && current.Token == token)
        {
            slot.Current = null;
        }
    }

    private async Task RunFetchAsync(MosaicSmsOtpOptions options, Slot slot, TaskCompletionSource<CachedToken> fetch)
    {
        try
        {
            // No caller's token: the fetch belongs to all of them. The backchannel bounds it with BackchannelTimeout.
            var token = await FetchAsync(options, CancellationToken.None).ConfigureAwait(false);
            lock (slot.Sync)
            {
                slot.Current = token;
                slot.Failure = null;
                slot.InFlight = null;
            }

            fetch.SetResult(token);
        }
        catch (Exception ex)
        {
            lock (slot.Sync)
            {
                slot.Failure = new FailedFetch(ex, options.Clock.GetUtcNow() + FailureMemory);
                slot.InFlight = null;
            }

            fetch.SetException(ex);
        }
    }

    /// <summary>
    /// Each caller throws its own exception (the shared one inside): one exception instance rethrown on many threads
    /// at once would have its stack trace written by all of them.
    /// </summary>
    private static Exception Own(Exception shared) => shared is MosaicApiException mosaic
        ? new MosaicApiException(mosaic.Operation, mosaic.Kind, mosaic.Error, mosaic.RetryAfter, mosaic)
        : new InvalidOperationException("Mosaic client token request failed.", shared);

    private async Task<CachedToken> FetchAsync(MosaicSmsOtpOptions options, CancellationToken cancellationToken)
    {
        const string Operation = "client token request";
        using var request = MosaicTokenEndpoint.CreateRequest(options, "client_credentials");
        var response = await backchannel.SendAsync(options, Operation, request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw response.ToException(Operation);
        }

        var body = MosaicTokenEndpoint.Read(response, Operation);
        if (string.IsNullOrEmpty(body.AccessToken))
        {
            throw new MosaicApiException(Operation, MosaicFailureKind.InvalidResponse);
        }

        var lifetime = TimeSpan.FromSeconds(body.ExpiresIn is > 0 and var seconds ? seconds : 3600);
        // Short-lived tokens are reused for half their life rather than not at all.
        var reuseFor = lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2;
        return new CachedToken(body.AccessToken, options.Clock.GetUtcNow() + reuseFor);
    }

    private static string KeyOf(MosaicSmsOtpOptions options) => string.Join('\n', options.EffectiveBaseUrl.AbsoluteUri, options.TokenEndpointPath, options.ClientId);

    private sealed record CachedToken(string Token, DateTimeOffset RefreshAt);

    private sealed record FailedFetch(Exception Exception, DateTimeOffset Until);

    private sealed class Slot
    {
        public readonly Lock Sync = new();

        public volatile CachedToken? Current;

        /// <summary>The fetch in progress, if any; read and written under <see cref="Sync"/>.</summary>
        public Task<CachedToken>? InFlight;

        /// <summary>The last fetch's failure while it is remembered; read and written under <see cref="Sync"/>.</summary>
        public FailedFetch? Failure;
    }
}
