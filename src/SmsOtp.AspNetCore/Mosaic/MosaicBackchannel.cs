using System.Net.Http.Headers;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// Sends one request to Mosaic with the scheme's timeout and turns every transport failure into a
/// <see cref="MosaicApiException"/>, so callers only deal with answers.
/// </summary>
internal sealed class MosaicBackchannel(IHttpClientFactory httpClientFactory)
{
    // Mosaic's answers are small JSON documents; anything larger is not one of them.
    private const long MaxResponseBodySize = 256 * 1024;

    public async Task<MosaicHttpResponse> SendAsync(MosaicSmsOtpOptions options, string operation, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var client = options.Backchannel ?? httpClientFactory.CreateClient(MosaicSmsOtpDefaults.BackchannelHttpClientName);
        using var timeout = new CancellationTokenSource(options.BackchannelTimeout, options.Clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(MaxResponseBodySize, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            return new MosaicHttpResponse(response.StatusCode, body, ReadRetryAfter(response.Headers.RetryAfter, options));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MosaicApiException(operation, MosaicFailureKind.Unavailable, innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new MosaicApiException(operation, MosaicFailureKind.Unavailable, innerException: ex);
        }
    }

    private static TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? retryAfter, MosaicSmsOtpOptions options)
    {
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - options.Clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
