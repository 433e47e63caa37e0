namespace MvcSample.Tests.Infrastructure;

/// <summary>
/// A person's browser against the sample on its TestServer: the factory's client keeps the cookies, and redirects are
/// followed here, one hop at a time, so a test can check each (the emulator's <c>result</c> URI included).
/// </summary>
public sealed class Visitor(HttpClient client) : IDisposable
{
    /// <summary>Every redirect followed so far: its status and where it pointed.</summary>
    public List<(HttpStatusCode Status, Uri Location)> Redirects { get; } = [];

    /// <summary>The URL of the last page landed on.</summary>
    public Uri? CurrentUrl { get; private set; }

    public HttpClient Client => client;

    public async Task<HttpResponseMessage> GetAsync(string url) =>
        await FollowAsync(await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute)));

    public async Task<HttpResponseMessage> PostFormAsync(string url, params (string Name, string Value)[] fields)
    {
        using var form = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await FollowAsync(await client.PostAsync(new Uri(url, UriKind.RelativeOrAbsolute), form));
    }

    public async Task<string> GetStringAsync(string url)
    {
        using var response = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response)
    {
        // A bound, so a redirect loop fails the test instead of hanging it.
        for (var hop = 0; hop < 10 && (int)response.StatusCode is >= 300 and < 400; hop++)
        {
            var location = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            Redirects.Add((response.StatusCode, location));
            response.Dispose();
            response = await client.GetAsync(location);
        }

        CurrentUrl = response.RequestMessage?.RequestUri;
        return response;
    }

    public void Dispose() => client.Dispose();
}
