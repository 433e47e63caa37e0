using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// Mosaic's discovery document and signing keys, cached for 12 hours. <see cref="RequestRefresh"/> (an unknown
/// <c>kid</c>) makes the next read fetch them again, at most once per 5 minutes, and that read waits for a fetch that
/// started after the request: IdentityModel's own manager refreshes in the background, so the token that revealed a key
/// rotation would still be checked against the old keys. Cached keys are kept when a fetch fails. Times come from the
/// scheme's <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// One fetch at a time, shared by every reader that needs it; it runs under no reader's cancellation (a reader that
/// gives up only stops waiting), bounded by the backchannel's timeout. With nothing cached, a failed fetch is remembered
/// for <see cref="FailureMemory"/>, so that a burst fails fast instead of queueing fetches one behind another.
/// Each accepted <see cref="RequestRefresh"/> bumps a generation: a fetch started before it cannot push the refresh time
/// forward, and a reader that saw it does not settle for such a fetch's result.
/// Not <c>HybridCache</c>/<c>IMemoryCache</c>: the document is one object per scheme whose refresh rules (a forced
/// refresh that readers wait for, keeping the old keys when a fetch fails, failure memory, the scheme's clock) are the
/// whole point, and an eviction would drop the keys that let sign-ins go on while Mosaic's discovery is down.
/// </remarks>
internal sealed class MosaicConfigurationManager(string address, IDocumentRetriever retriever, Func<TimeProvider> time) : IConfigurationManager<OpenIdConnectConfiguration>
{
    internal static readonly TimeSpan AutomaticRefreshInterval = TimeSpan.FromHours(12);
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);
    internal static readonly TimeSpan FailureMemory = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private volatile OpenIdConnectConfiguration? _current;

    // UTC ticks, so that the lock-free read on the fast path cannot tear. Written under _lock, read with Volatile.
    private long _refreshAfterTicks;

    // The fields below are read and written under _lock.
    private long _generation;
    private long _lastRequestedRefreshTicks = long.MinValue;
    private Fetch? _inFlight;
    private FailedFetch? _failure;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        while (true)
        {
            var nowTicks = time().GetUtcNow().UtcTicks;
            if (_current is { } cached && nowTicks < Volatile.Read(ref _refreshAfterTicks))
            {
                return cached;
            }

            Fetch fetch;
            Fetch? started = null;
            long wanted;
            lock (_lock)
            {
                if (_current is { } fresh && nowTicks < _refreshAfterTicks)
                {
                    return fresh;
                }

                wanted = _generation;
                if (_inFlight is null)
                {
                    if (_current is null && _failure is { } failure && nowTicks < failure.UntilTicks)
                    {
                        throw Failed(failure.Exception);
                    }

                    started = _inFlight = new Fetch(new TaskCompletionSource<OpenIdConnectConfiguration>(TaskCreationOptions.RunContinuationsAsynchronously), wanted, nowTicks);
                }

                fetch = _inFlight;
            }

            if (started is not null)
            {
                // Not awaited here: the reader that started the fetch waits for it like every other reader.
                _ = RunFetchAsync(started);
            }

            OpenIdConnectConfiguration configuration;
            try
            {
                configuration = await fetch.Completion.Task.WaitAsync(cancel).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancel.IsCancellationRequested)
            {
                throw Failed(ex);
            }

            // A fetch that started before the refresh this reader saw may hold the keys from before a rotation.
            if (fetch.Generation >= wanted)
            {
                return configuration;
            }
        }
    }

    public void RequestRefresh()
    {
        var nowTicks = time().GetUtcNow().UtcTicks;
        lock (_lock)
        {
            if (_lastRequestedRefreshTicks != long.MinValue && nowTicks - _lastRequestedRefreshTicks < RefreshInterval.Ticks)
            {
                return;
            }

            _lastRequestedRefreshTicks = nowTicks;
            _generation++;
            Volatile.Write(ref _refreshAfterTicks, nowTicks);
        }
    }

    private async Task RunFetchAsync(Fetch fetch)
    {
        try
        {
            // No reader's token: the fetch belongs to all of them. The backchannel bounds each request with its timeout.
            var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(address, retriever, CancellationToken.None).ConfigureAwait(false);
            lock (_lock)
            {
                _current = configuration;
                _failure = null;
                SetRefreshAfter(fetch, fetch.StartedTicks + AutomaticRefreshInterval.Ticks);
                _inFlight = null;
            }

            fetch.Completion.SetResult(configuration);
        }
        catch (Exception ex)
        {
            OpenIdConnectConfiguration? kept;
            lock (_lock)
            {
                kept = _current;
                if (kept is null)
                {
                    _failure = new FailedFetch(ex, time().GetUtcNow().UtcTicks + FailureMemory.Ticks);
                }
                else
                {
                    // Keep the keys we have, and try again after the refresh interval rather than on every request.
                    SetRefreshAfter(fetch, fetch.StartedTicks + RefreshInterval.Ticks);
                }

                _inFlight = null;
            }

            if (kept is null)
            {
                fetch.Completion.SetException(ex);
            }
            else
            {
                fetch.Completion.SetResult(kept);
            }
        }
    }

    /// <summary>Moves the refresh time, unless a refresh was requested after this fetch started. Called under the lock.</summary>
    private void SetRefreshAfter(Fetch fetch, long ticks)
    {
        if (fetch.Generation == _generation)
        {
            Volatile.Write(ref _refreshAfterTicks, ticks);
        }
    }

    /// <summary>Each reader throws its own exception, with the shared fetch's failure inside.</summary>
    private static InvalidOperationException Failed(Exception shared)
        => new("Mosaic's discovery document or signing keys could not be retrieved.", shared);

    private sealed record Fetch(TaskCompletionSource<OpenIdConnectConfiguration> Completion, long Generation, long StartedTicks);

    private sealed record FailedFetch(Exception Exception, long UntilTicks);
}
