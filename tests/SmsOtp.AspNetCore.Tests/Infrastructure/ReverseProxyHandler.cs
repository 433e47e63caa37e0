namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A TLS-terminating reverse proxy in front of the app: the browser talks to the public https host; the app sees
/// plain http on its internal host, plus X-Forwarded-* headers when <paramref name="forwardHeaders"/> is true.
/// </summary>
internal sealed class ReverseProxyHandler(HttpMessageHandler app, Uri internalBase, bool forwardHeaders) : DelegatingHandler(app)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        request.RequestUri = new UriBuilder(original) { Scheme = internalBase.Scheme, Host = internalBase.Host, Port = internalBase.Port }.Uri;
        if (forwardHeaders)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", original.Scheme);
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", original.Authority);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
