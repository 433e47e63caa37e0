using System.Net;

namespace SmsOtp.AspNetCore.Testing.SignIn;

/// <summary>A page the browser landed on after following redirects: where, with what status, and its forms.</summary>
internal sealed class BrowserPage(Uri url, HttpStatusCode statusCode, string html)
{
    public Uri Url { get; } = url;

    public HttpStatusCode StatusCode { get; } = statusCode;

    public string Html { get; } = html;

    public IReadOnlyList<HtmlForm> Forms => field ??= HtmlForm.Parse(Html, Url);

    public HtmlForm? FindForm(string fieldName) => Forms.FirstOrDefault(form => form.Has(fieldName));

    public static async Task<BrowserPage> GetAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(url, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<BrowserPage> PostAsync(HttpClient client, Uri url, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<BrowserPage> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        new(response.RequestMessage!.RequestUri!, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
}
