using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// Mosaic's discovery document and signing keys, cached for 12 hours. <see cref="RequestRefresh"/> (an unknown
/// <c>kid</c>) makes the next read fetch them again, at most once per 5 minutes, and that read waits for the fetch:
/// IdentityModel's own manager refreshes in the background, so the token that revealed a key rotation would still
/// be checked against the old keys. Times come from the scheme's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class MosaicConfigurationManager(string address, IDocumentRetriever retriever, Func<TimeProvider> time) : IConfigurationManager<OpenIdConnectConfiguration>, IDisposable
{
    internal static readonly TimeSpan AutomaticRefreshInterval = TimeSpan.FromHours(12);
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _refreshLock = new();
    private volatile OpenIdConnectConfiguration? _current;
    private DateTimeOffset _refreshAfter;
    private DateTimeOffset _lastRequestedRefresh = DateTimeOffset.MinValue;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (_current is { } cached && time().GetUtcNow() < _refreshAfter)
        {
            return cached;
        }

        await _gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var now = time().GetUtcNow();
            if (_current is { } fresh && now < _refreshAfter)
            {
                return fresh;
            }

            try
            {
                _current = await OpenIdConnectConfigurationRetriever.GetAsync(address, retriever, cancel).ConfigureAwait(false);
                _refreshAfter = now + AutomaticRefreshInterval;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (_current is null)
                {
                    throw new InvalidOperationException("Mosaic's discovery document or signing keys could not be retrieved.", ex);
                }

                // Keep the keys we have, and try again after the refresh interval rather than on every request.
                _refreshAfter = now + RefreshInterval;
            }

            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void RequestRefresh()
    {
        var now = time().GetUtcNow();
        lock (_refreshLock)
        {
            if (now - _lastRequestedRefresh < RefreshInterval)
            {
                return;
            }

            _lastRequestedRefresh = now;
            _refreshAfter = now;
        }
    }

    public void Dispose() => _gate.Dispose();
}
