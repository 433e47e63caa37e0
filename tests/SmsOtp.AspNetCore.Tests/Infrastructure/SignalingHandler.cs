namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Sits in the handler's Mosaic HttpClient and completes <see cref="Sent"/> when a request to a matching path leaves,
/// so a test can act (advance time, start another request) at exactly that point without waiting on a clock.
/// </summary>
internal sealed class SignalingHandler(string pathSuffix) : DelegatingHandler
{
    private readonly TaskCompletionSource<HttpRequestMessage> _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<HttpRequestMessage> Sent => _sent.Task;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = base.SendAsync(request, cancellationToken);
        if (request.RequestUri!.AbsolutePath.EndsWith(pathSuffix, StringComparison.Ordinal))
        {
            _sent.TrySetResult(request);
        }

        return response;
    }
}
