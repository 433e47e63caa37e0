using System.Collections.Concurrent;

namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A DelegatingHandler in the app's Mosaic backchannel: records every request (path and body), raises a signal when a
/// request to a given path leaves, and can rewrite answers (to stub ID tokens).
/// </summary>
internal sealed class MosaicWire
{
    private readonly ConcurrentQueue<(string Path, string Body)> _requests = new();

    public IReadOnlyList<(string Path, string Body)> Requests => _requests.ToArray();

    /// <summary>Called for each request before it is sent (after the handler started its timeout).</summary>
    public Action<HttpRequestMessage>? OnSending { get; set; }

    /// <summary>Rewrites an answer: (request path, request body, response) → response.</summary>
    public Func<string, string, HttpResponseMessage, Task<HttpResponseMessage>>? Rewrite { get; set; }

    public static MosaicWire AddTo(IServiceCollection services)
    {
        var wire = new MosaicWire();
        services.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName).AddHttpMessageHandler(() => new Forwarder(wire));
        return wire;
    }

    // The factory creates a new pipeline per client: each gets a forwarder to the one recorder.
    private sealed class Forwarder(MosaicWire wire) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            wire._requests.Enqueue((request.RequestUri!.AbsolutePath, body));
            wire.OnSending?.Invoke(request);
            var response = await base.SendAsync(request, cancellationToken);
            return wire.Rewrite is null ? response : await wire.Rewrite(request.RequestUri!.AbsolutePath, body, response);
        }
    }
}
