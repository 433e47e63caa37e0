using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Mosaic;

namespace SmsOtp.AspNetCore.Tests.Mosaic;

/// <summary>
/// A Mosaic the test scripts per path: each request to a path gets that path's responder, and every request is counted.
/// The token endpoint answers with a fresh client token unless scripted otherwise.
/// </summary>
internal sealed class FakeMosaic : HttpMessageHandler
{
    public const string TokenPath = "/oidc/token";
    public const string SendPath = "/cis/v1/auth/otp/sms";
    public const string ValidatePath = "/cis/v1/auth/otp/sms/validation";

    private readonly ConcurrentDictionary<string, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _responders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private int _tokens;

    public FakeMosaic()
    {
        On(TokenPath, (_, _) => Task.FromResult(Json(200, $$"""{"access_token":"token-{{Interlocked.Increment(ref _tokens)}}","token_type":"Bearer","expires_in":3600}""")));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public FakeMosaic On(string path, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        _responders[path] = responder;
        return this;
    }

    public FakeMosaic On(string path, int status, string body) => On(path, (_, _) => Task.FromResult(Json(status, body)));

    public int Calls(string path) => _calls.GetValueOrDefault(path);

    public MosaicSmsOtpOptions CreateOptions() => new()
    {
        BaseUrl = new Uri("https://mosaic.test/"),
        ClientId = "client-id",
        ClientSecret = "client-secret",
        Backchannel = new HttpClient(this, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan },
        BackchannelTimeout = TimeSpan.FromSeconds(10),
        TimeProvider = Time,
    };

    public static MosaicBackchannel CreateBackchannel() => new(new NoHttpClientFactory());

    public static HttpResponseMessage Json(int status, string body) => new((HttpStatusCode)status)
    {
        Content = new StringContent(body, Encoding.UTF8, body.StartsWith('{') || body.StartsWith('[') ? "application/json" : "text/plain"),
    };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        _calls.AddOrUpdate(path, 1, static (_, n) => n + 1);
        return _responders.TryGetValue(path, out var responder)
            ? responder(request, cancellationToken)
            : Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
    }

    private sealed class NoHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("The tests set options.Backchannel.");
    }
}
