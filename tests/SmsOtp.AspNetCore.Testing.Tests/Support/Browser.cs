using System.Net;
using System.Text.RegularExpressions;

namespace SmsOtp.AspNetCore.Testing.Tests.Support;

/// <summary>
/// A minimal browser: routes each request by host to an in-process server, keeps cookies, and follows redirects and
/// auto-submitted forms one step at a time.
/// </summary>
internal sealed partial class Browser(IReadOnlyDictionary<string, HttpMessageHandler> handlersByHost) : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly Dictionary<string, HttpClient> _clients = handlersByHost.ToDictionary(
        pair => pair.Key, pair => new HttpClient(pair.Value, disposeHandler: false), StringComparer.OrdinalIgnoreCase);

    public CookieContainer Cookies => _cookies;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        var cookieHeader = _cookies.GetCookieHeader(uri);
        if (cookieHeader.Length > 0)
        {
            request.Headers.Add("Cookie", cookieHeader);
        }

        var response = await _clients[uri.Host].SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                _cookies.SetCookies(uri, setCookie);
            }
        }

        return response;
    }

    /// <summary>GET, then follow 30x redirects and form_post pages until a page that is neither.</summary>
    public async Task<(HttpResponseMessage Response, Uri Uri)> NavigateAsync(Uri uri, HttpMethod? method = null, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        var response = await SendAsync(method ?? HttpMethod.Get, uri, form);
        for (var hops = 0; hops < 10; hops++)
        {
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                response.Dispose();
                response = await SendAsync(HttpMethod.Get, uri);
                continue;
            }

            var html = response.Content.Headers.ContentType?.MediaType == "text/html" ? await response.Content.ReadAsStringAsync() : string.Empty;
            if (html.Contains("document.forms[0].submit()", StringComparison.Ordinal))
            {
                var (action, fields) = ParseForm(html);
                uri = new Uri(action);
                response.Dispose();
                response = await SendAsync(HttpMethod.Post, uri, fields);
                continue;
            }

            return (response, uri);
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    public static (string Action, List<KeyValuePair<string, string>> Fields) ParseForm(string html)
    {
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
        var fields = HiddenInput().Matches(html)
            .Select(match => new KeyValuePair<string, string>(WebUtility.HtmlDecode(match.Groups[1].Value), WebUtility.HtmlDecode(match.Groups[2].Value)))
            .ToList();
        return (action, fields);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
