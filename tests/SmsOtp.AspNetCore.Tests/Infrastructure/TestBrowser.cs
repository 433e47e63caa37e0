using System.Net;
using System.Text.RegularExpressions;

namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A minimal browser over in-process servers: it routes each request to the server of its host, keeps cookies,
/// sends Origin on POSTs the way browsers do, follows redirects across hosts (app → Mosaic → app), and can run the
/// auto-submitted forms of <c>response_mode=form_post</c> (<see cref="NavigateAsync"/>). The one test browser of the
/// handler's, the Redis and the emulator's suites.
/// </summary>
internal sealed partial class TestBrowser(Uri baseAddress, IReadOnlyDictionary<string, HttpMessageHandler> hosts)
{
    private const int MaxRedirects = 10;
    private readonly Dictionary<string, HttpMessageInvoker> _invokers = hosts.ToDictionary(h => h.Key, h => new HttpMessageInvoker(h.Value, disposeHandler: false), StringComparer.OrdinalIgnoreCase);

    public CookieContainer Cookies { get; } = new();

    /// <summary>Every URL requested, in order, redirects included.</summary>
    public List<Uri> History { get; } = [];

    public Uri? CurrentUrl => History.Count == 0 ? null : History[^1];

    public Task<HttpResponseMessage> GetAsync(string url, bool followRedirects = true, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, url));
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return SendAsync(request, followRedirects);
    }

    public Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, bool followRedirects = true, string? origin = "same", string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, url)) { Content = new FormUrlEncodedContent(fields) };
        if (origin == "same")
        {
            request.Headers.Add("Origin", request.RequestUri!.GetLeftPart(UriPartial.Authority));
        }
        else if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return SendAsync(request, followRedirects);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, bool followRedirects = true)
    {
        for (var redirects = 0; ; redirects++)
        {
            var uri = request.RequestUri!;
            History.Add(uri);
            if (!_invokers.TryGetValue(uri.Authority, out var invoker))
            {
                throw new InvalidOperationException($"The test browser knows no server for {uri.Authority} (asked for {uri.GetLeftPart(UriPartial.Path)}).");
            }

            var cookieHeader = Cookies.GetCookieHeader(uri);
            if (cookieHeader.Length > 0)
            {
                request.Headers.Remove("Cookie");
                request.Headers.Add("Cookie", cookieHeader);
            }

            var response = await invoker.SendAsync(request, CancellationToken.None);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    Cookies.SetCookies(uri, setCookie);
                }
            }

            var status = (int)response.StatusCode;
            if (!followRedirects || status is < 300 or > 399 || response.Headers.Location is null)
            {
                return response;
            }

            if (redirects == MaxRedirects)
            {
                throw new InvalidOperationException("Too many redirects: " + string.Join(" → ", History));
            }

            var next = new Uri(uri, response.Headers.Location);
            response.Dispose();
            request = new HttpRequestMessage(HttpMethod.Get, next);
        }
    }

    /// <summary>
    /// Loads <paramref name="uri"/> and follows redirects and auto-submitted forms (the form_post pages a browser's
    /// script would submit) until a page that is neither; returns it and its URL.
    /// </summary>
    public async Task<(HttpResponseMessage Response, Uri Uri)> NavigateAsync(Uri uri, HttpMethod? method = null, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, uri) { Content = form is null ? null : new FormUrlEncodedContent(form) };
        for (var submits = 0; submits < MaxRedirects; submits++)
        {
            var response = await SendAsync(request);
            var html = response.Content.Headers.ContentType?.MediaType == "text/html" ? await response.Content.ReadAsStringAsync() : string.Empty;
            if (!html.Contains("document.forms[0].submit()", StringComparison.Ordinal))
            {
                return (response, CurrentUrl!);
            }

            var (action, fields) = ParseForm(html);
            response.Dispose();
            request = new HttpRequestMessage(HttpMethod.Post, new Uri(CurrentUrl!, action)) { Content = new FormUrlEncodedContent(fields) };
        }

        throw new InvalidOperationException("Too many auto-submitted forms: " + string.Join(" → ", History));
    }

    /// <summary>The action and hidden fields of a page's first POST form.</summary>
    public static (string Action, List<KeyValuePair<string, string>> Fields) ParseForm(string html)
    {
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
        var fields = HiddenInput().Matches(html)
            .Select(match => new KeyValuePair<string, string>(WebUtility.HtmlDecode(match.Groups[1].Value), WebUtility.HtmlDecode(match.Groups[2].Value)))
            .ToList();
        return (action, fields);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery field:\n" + html);
    }

    public string? CookieValue(Uri uri, string name) => Cookies.GetCookies(uri)[name]?.Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
