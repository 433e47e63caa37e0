namespace MvcSample.Tests.Infrastructure;

/// <summary>
/// The SMS handler's backchannel into the sample's own TestServer, created on the first call. It cannot be created
/// earlier: the handler validates its options at start-up, and building them creates this client, before the
/// TestServer is ready to hand out handlers.
/// </summary>
internal sealed class TestServerBackchannel(Func<HttpMessageHandler> createServerHandler) : HttpMessageHandler
{
    private readonly Lazy<HttpMessageInvoker> _server = new(() => new HttpMessageInvoker(createServerHandler()));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _server.Value.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _server.IsValueCreated)
        {
            _server.Value.Dispose();
        }

        base.Dispose(disposing);
    }
}
