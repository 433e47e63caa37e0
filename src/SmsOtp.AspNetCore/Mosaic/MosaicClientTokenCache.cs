using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// Mosaic client access tokens (<c>client_credentials</c>), cached until shortly before they expire and fetched by one
/// request at a time however many wait: Mosaic cannot refresh them and rate-limits the token endpoint.
/// </summary>
internal sealed class MosaicClientTokenCache(MosaicBackchannel backchannel)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public async ValueTask<string> GetTokenAsync(MosaicSmsOtpOptions options, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(KeyOf(options), static _ => new Slot());
        var now = TimeOf(options).GetUtcNow();
        if (slot.Current is { } cached && now < cached.RefreshAt)
        {
            return cached.Token;
        }

        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Whoever held the gate before us may have fetched one already.
            now = TimeOf(options).GetUtcNow();
            if (slot.Current is { } fresh && now < fresh.RefreshAt)
            {
                return fresh.Token;
            }

            var fetched = await FetchAsync(options, cancellationToken).ConfigureAwait(false);
            slot.Current = fetched;
            return fetched.Token;
        }
        finally
        {
            slot.Gate.Release();
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

    private async Task<CachedToken> FetchAsync(MosaicSmsOtpOptions options, CancellationToken cancellationToken)
    {
        const string Operation = "client token request";
        using var request = new HttpRequestMessage(HttpMethod.Post, options.MosaicUri(options.TokenEndpointPath))
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("client_id", options.ClientId!),
                new("client_secret", options.ClientSecret!),
            ]),
        };
        var response = await backchannel.SendAsync(options, Operation, request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw response.ToException(Operation);
        }

        TokenEndpointResponse? body;
        try
        {
            body = JsonSerializer.Deserialize(response.Body, MosaicJsonContext.Default.TokenEndpointResponse);
        }
        catch (JsonException ex)
        {
            throw new MosaicApiException(Operation, MosaicFailureKind.InvalidResponse, innerException: ex);
        }

        if (string.IsNullOrEmpty(body?.AccessToken))
        {
            throw new MosaicApiException(Operation, MosaicFailureKind.InvalidResponse);
        }

        var lifetime = TimeSpan.FromSeconds(body.ExpiresIn is > 0 and var seconds ? seconds : 3600);
        // Short-lived tokens are reused for half their life rather than not at all.
        var reuseFor = lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2;
        return new CachedToken(body.AccessToken, TimeOf(options).GetUtcNow() + reuseFor);
    }

    private static TimeProvider TimeOf(MosaicSmsOtpOptions options) => options.TimeProvider ?? TimeProvider.System;

    private static string KeyOf(MosaicSmsOtpOptions options) => string.Join('\n', options.EffectiveBaseUrl.AbsoluteUri, options.TokenEndpointPath, options.ClientId);

    private sealed record CachedToken(string Token, DateTimeOffset RefreshAt);

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile CachedToken? Current;
    }
}
