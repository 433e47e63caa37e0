namespace SmsOtp.AspNetCore.Tests.Mosaic;

/// <summary>
/// A response the test holds back: requests wait until <see cref="Release"/> (or their own cancellation, as a real
/// HttpClient would), and <see cref="Arrived"/> completes with the first request's cancellation token when it comes in.
/// </summary>
internal sealed class HeldResponse
{
    private readonly TaskCompletionSource<HttpResponseMessage> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<CancellationToken> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<CancellationToken> Arrived => _arrived.Task;

    public void Release(int status, string body) => _response.SetResult(FakeMosaic.Json(status, body));

    public async Task<HttpResponseMessage> RespondAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _arrived.TrySetResult(cancellationToken);
        return await _response.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
