using System.Net;
using System.Text.RegularExpressions;

namespace SmsOtp.AspNetCore.Benchmarks;

/// <summary>
/// The least a browser does for this flow: route each request to the in-process server of its host, keep cookies, send
/// Origin on POSTs, and follow redirects across hosts (app → Mosaic → app). It asserts nothing; callers check statuses.
/// </summary>
public sealed partial class BenchBrowser(IReadOnlyDictionary<string, HttpMessageInvoker> hosts)
{
    private const int MaxRedirects = 10;

    private readonly CookieContainer _cookies = new();

    public Uri? CurrentUrl { get; private set; }

    /// <summary>
    /// When set, told each request's method and URL, the bytes the process allocated and the CPU time it used while the
    /// request was answered (meaningful one request at a time).
    /// </summary>
    public Action<string, long, TimeSpan>? CostPerRequest { get; set; }

    /// <summary>How many requests the browser sent, redirects included.</summary>
    public int Requests { get; private set; }

    /// <summary>How many of <see cref="Requests"/> went to hosts other than <paramref name="authority"/>'s.</summary>
    public int RequestsElsewhereThan(string authority) => Requests - _requestsTo.GetValueOrDefault(authority);

    private readonly Dictionary<string, int> _requestsTo = new(StringComparer.OrdinalIgnoreCase);

    public Task<HttpResponseMessage> GetAsync(Uri url, bool followRedirects) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url), followRedirects);

    /// <summary>Posts a form from a page of <paramref name="url"/>'s own origin.</summary>
    public Task<HttpResponseMessage> PostFormAsync(Uri url, IEnumerable<KeyValuePair<string, string>> fields, bool followRedirects)
        => PostFormAsync(url, fields, url, followRedirects);

    /// <summary>Posts a form from a page at <paramref name="page"/> (its origin goes in <c>Origin</c>).</summary>
    public Task<HttpResponseMessage> PostFormAsync(Uri url, IEnumerable<KeyValuePair<string, string>> fields, Uri page, bool followRedirects)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", page.GetLeftPart(UriPartial.Authority));
        return SendAsync(request, followRedirects);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, bool followRedirects)
    {
        for (var redirects = 0; ; redirects++)
        {
            var uri = request.RequestUri!;
            CurrentUrl = uri;
            Requests++;
            _requestsTo[uri.Authority] = _requestsTo.GetValueOrDefault(uri.Authority) + 1;
            var invoker = hosts.TryGetValue(uri.Authority, out var found)
                ? found
                : throw new InvalidOperationException("No server for " + uri.Authority);

            var cookieHeader = _cookies.GetCookieHeader(uri);
            if (cookieHeader.Length > 0)
            {
                request.Headers.Add("Cookie", cookieHeader);
            }

            var allocatedBefore = CostPerRequest is null ? 0 : GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = CostPerRequest is null ? TimeSpan.Zero : Environment.CpuUsage.TotalTime;
            var response = await invoker.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
            CostPerRequest?.Invoke(
                request.Method + " " + uri.GetLeftPart(UriPartial.Authority) + LoginStep().Replace(uri.AbsolutePath, "/{id}/"),
                GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
                Environment.CpuUsage.TotalTime - cpuBefore);
            request.Dispose();
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    _cookies.SetCookies(uri, setCookie);
                }
            }

            var status = (int)response.StatusCode;
            if (!followRedirects || status is < 300 or > 399 || response.Headers.Location is null)
            {
                return response;
            }

            if (redirects == MaxRedirects)
            {
                response.Dispose();
                throw new InvalidOperationException("Too many redirects, at " + uri);
            }

            var next = new Uri(uri, response.Headers.Location);
            response.Dispose();
            request = new HttpRequestMessage(HttpMethod.Get, next);
        }
    }

    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery field.");
    }

    /// <summary>The page's first form: where it posts (resolved against <paramref name="page"/>) and its hidden fields.</summary>
    public static (Uri Action, List<KeyValuePair<string, string>> Fields) Form(string html, Uri page)
    {
        var form = FormTag().Match(html);
        if (!form.Success)
        {
            throw new InvalidOperationException("The page at " + page + " has no form.");
        }

        var fields = HiddenField().Matches(html[form.Index..])
            .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))
            .ToList();
        return (new Uri(page, WebUtility.HtmlDecode(form.Groups[1].Value)), fields);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The id in the emulator's hosted-login paths, so that one step is one row whatever the flow.</summary>
    [GeneratedRegex("/login/[^/]+/")]
    private static partial Regex LoginStep();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormTag();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
