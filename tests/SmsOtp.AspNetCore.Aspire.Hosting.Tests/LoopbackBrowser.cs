using System.Net;

namespace SmsOtp.AspNetCore.Aspire.Hosting.Tests;

/// <summary>
/// A browser for apps on http://localhost: it follows redirects and keeps cookies by name, including <c>Secure</c>
/// ones (browsers treat localhost as a secure context; <see cref="CookieContainer"/> does not, and the app's flow
/// cookie is <c>Secure</c>). The web app and the emulator share the host, as cookies ignore ports.
/// </summary>
internal sealed class LoopbackBrowser : IDisposable
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    public Task<Page> GetAsync(Uri url, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, url, null, cancellationToken);

    public Task<Page> PostAsync(Uri url, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, url, fields, cancellationToken);

    public void Dispose() => Http.Dispose();

    private async Task<Page> SendAsync(HttpMethod method, Uri url, IReadOnlyDictionary<string, string>? fields, CancellationToken cancellationToken)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            using var request = new HttpRequestMessage(method, url);
            if (fields is not null)
            {
                request.Content = new FormUrlEncodedContent(fields);
            }

            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(cookie => cookie.Key + "=" + cookie.Value)));
            }

            using var response = await Http.SendAsync(request, cancellationToken);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';', 2)[0];
                var separator = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..separator].Trim(), pair[(separator + 1)..].Trim());
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }

            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                url = new Uri(url, location);
                method = HttpMethod.Get;
                fields = null;
                continue;
            }

            return new Page(url, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }

        throw new InvalidOperationException("More than 10 redirects from " + url);
    }

    internal sealed record Page(Uri Url, HttpStatusCode Status, string Body);
}
