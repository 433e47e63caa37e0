using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>Helpers for the security suite: response inspection, the callback URL of a flow, and client IPs.</summary>
internal static partial class SecurityTestKit
{
    public const string AuthCookieName = ".AspNetCore.Cookies";

    /// <summary>A test-only header that stands for the TCP peer address (TestServer has none).</summary>
    public const string PeerIpHeader = "X-Test-Peer-IP";

    public const string HandlerCategory = "SmsOtp.AspNetCore.MosaicSmsOtpHandler";

    /// <summary>The handler's own log records (event ids are those of MosaicSmsOtpLog).</summary>
    public static IReadOnlyList<Microsoft.Extensions.Logging.Testing.FakeLogRecord> HandlerEvents(this SmsOtpTestApp app)
        => app.Logs.GetSnapshot().Where(r => r.Category == HandlerCategory).ToList();

    public static IEnumerable<string> SetCookies(this HttpResponseMessage response)
        => response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    public static string? SetCookie(this HttpResponseMessage response, string name)
        => response.SetCookies().FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    public static void AssertNoAuthCookie(this HttpResponseMessage response)
        => Assert.DoesNotContain(response.SetCookies(), c => c.StartsWith(AuthCookieName, StringComparison.Ordinal));

    public static string Header(this HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
            : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues) : string.Empty;

    /// <summary>The set of header names of a response (values differ per flow: cookies, dates).</summary>
    public static string[] HeaderNames(this HttpResponseMessage response)
        => response.Headers.Select(h => h.Key).Concat(response.Content.Headers.Select(h => h.Key)).Select(h => h.ToUpperInvariant()).Order(StringComparer.Ordinal).ToArray();

    /// <summary>A body with the per-request antiforgery token and script nonce blanked out.</summary>
    public static string WithoutAntiforgery(string html) => ScriptNonce().Replace(AntiforgeryValue().Replace(html, "value=\"AF\""), "nonce=\"N\"");

    /// <summary>
    /// Runs a flow up to the point where Mosaic sends the browser back: returns the callback URL
    /// (<c>/signin-sms/callback?code=…</c>) without loading it.
    /// </summary>
    public static async Task<Uri> GetCallbackUrlAsync(this TestBrowser browser, SmsOtpTestApp app, string phoneNumber = SignInDriver.PhoneNumber, string protectedPath = "/secure")
    {
        var codePage = await browser.StartAndSendCodeAsync(protectedPath, phoneNumber);
        return await browser.SubmitCodeToCallbackUrlAsync(codePage, app.Emulator.Outbox.GetLatest(phoneNumber)!.Code);
    }

    /// <summary>Submits a code and follows the answer to Mosaic, stopping before the callback.</summary>
    public static async Task<Uri> SubmitCodeToCallbackUrlAsync(this TestBrowser browser, string codePage, string code)
    {
        using var validated = await browser.SubmitCodeAsync(codePage, code);
        Assert.Equal(HttpStatusCode.SeeOther, validated.StatusCode);
        using var atMosaic = await browser.GetAsync(validated.Headers.Location!.AbsoluteUri, followRedirects: false);
        Assert.True((int)atMosaic.StatusCode is >= 300 and < 400, $"Mosaic answered {(int)atMosaic.StatusCode}");
        var callback = atMosaic.Headers.Location!;
        Assert.Equal(MosaicSmsOtpDefaults.CallbackPath, callback.AbsolutePath);
        return callback;
    }

    /// <summary>Sets the connection's remote address from <see cref="PeerIpHeader"/>, as a real server would from the socket.</summary>
    public static void UseTestPeerAddress(this WebApplication app)
        => app.Use((context, next) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[PeerIpHeader].ToString(), out var peer))
            {
                context.Connection.RemoteIpAddress = peer;
            }

            return next(context);
        });

    /// <summary>A browser whose every request to the app comes from <paramref name="peer"/> (see <see cref="UseTestPeerAddress"/>).</summary>
    public static TestBrowser CreateBrowserFrom(this SmsOtpTestApp app, string peer) => new(SmsOtpTestApp.AppBase, new Dictionary<string, HttpMessageHandler>
    {
        [SmsOtpTestApp.AppBase.Authority] = new PeerHeader(peer, app.Server.CreateHandler()),
        [app.Emulator.BaseAddress.Authority] = app.Emulator.CreateHandler(),
    });

    /// <summary>A code that is not <paramref name="right"/>.</summary>
    public static string WrongCode(string right) => right == "000000" ? "111111" : "000000";

    /// <summary>Posts the phone form with extra headers (peer IP, X-Forwarded-For).</summary>
    public static Task<HttpResponseMessage> SubmitPhoneWithHeadersAsync(this TestBrowser browser, string phonePageHtml, string phoneNumber, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(SmsOtpTestApp.AppBase, MosaicSmsOtpDefaults.SignInPath))
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(phonePageHtml)), new("phone_number", phoneNumber)]),
        };
        request.Headers.Add("Origin", "https://app.test");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return browser.SendAsync(request, followRedirects: false);
    }

    /// <summary>Opens the phone page directly (no challenge, so no flow cookie yet).</summary>
    public static async Task<string> OpenPhonePageDirectlyAsync(this TestBrowser browser, string query = "")
    {
        using var page = await browser.GetAsync(MosaicSmsOtpDefaults.SignInPath + query);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync();
    }

    private sealed class PeerHeader(string peer, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove(PeerIpHeader);
            request.Headers.Add(PeerIpHeader, peer);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [GeneratedRegex("value=\"[A-Za-z0-9_-]{40,}\"")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("nonce=\"[^\"]+\"")]
    private static partial Regex ScriptNonce();
}

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

/// <summary>
/// A stub in front of Mosaic's JWKS and token endpoint: publishes its own RSA key and re-signs the ID token of each code
/// exchange after a mutation of its claims (or header), so tests can mint tokens with any claims (checklist B.3).
/// </summary>
internal sealed class IdTokenStub : IDisposable
{
    public const string KeyId = "stub-key";
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;

    public IdTokenStub(MosaicWire wire)
    {
        _key = new RsaSecurityKey(_rsa) { KeyId = KeyId };
        wire.Rewrite = RewriteAsync;
    }

    /// <summary>Changes the ID token's claims; the default leaves them as Mosaic issued them.</summary>
    public Action<JsonObject> MutateClaims { get; set; } = _ => { };

    /// <summary>Replaces the whole ID token (for example with a JWE); receives the re-signed token.</summary>
    public Func<string, string>? ReplaceToken { get; set; }

    public void Dispose() => _rsa.Dispose();

    private async Task<HttpResponseMessage> RewriteAsync(string path, string requestBody, HttpResponseMessage response)
    {
        if (path.EndsWith("/jwks", StringComparison.Ordinal))
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = KeyId });
            var jwks = new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = KeyId, ["n"] = jwk.N, ["e"] = jwk.E }),
            };
            return Json(response, jwks.ToJsonString());
        }

        if (!requestBody.Contains("grant_type=authorization_code", StringComparison.Ordinal) || response.StatusCode != HttpStatusCode.OK)
        {
            return response;
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var original = body["id_token"]!.GetValue<string>();
        var claims = JsonNode.Parse(Base64UrlEncoder.Decode(original.Split('.')[1]))!.AsObject();
        MutateClaims(claims);
        var signed = new JsonWebTokenHandler().CreateToken(claims.ToJsonString(), new SigningCredentials(_key, SecurityAlgorithms.RsaSha256));
        body["id_token"] = ReplaceToken?.Invoke(signed) ?? signed;
        return Json(response, body.ToJsonString());
    }

    /// <summary>A JWE (RSA-OAEP, A256CBC-HS512) around the given claims, for a key the app does not hold.</summary>
    public static string EncryptForUnknownKey(string signedToken)
    {
        using var other = RSA.Create(2048);
        var claims = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(signedToken.Split('.')[1]));
        var encrypting = new EncryptingCredentials(new RsaSecurityKey(other.ExportParameters(false)) { KeyId = "enc" }, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512);
        return new JsonWebTokenHandler().EncryptToken(signedToken.Length > 0 ? signedToken : claims, encrypting);
    }

    private static HttpResponseMessage Json(HttpResponseMessage original, string json)
    {
        var replaced = new HttpResponseMessage(original.StatusCode) { Content = new StringContent(json, Encoding.UTF8), RequestMessage = original.RequestMessage };
        replaced.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        original.Dispose();
        return replaced;
    }
}

/// <summary>
/// Two app instances behind one "load balancer" at https://app.test: they share one throttle store, one data-protection
/// key ring and one Mosaic (the first instance's emulator), and run on the first instance's clock.
/// </summary>
internal sealed class TwoInstances : IAsyncDisposable
{
    private readonly DirectoryInfo _keyRing;

    private TwoInstances(SmsOtpTestApp first, SmsOtpTestApp second, DirectoryInfo keyRing)
    {
        First = first;
        Second = second;
        _keyRing = keyRing;
    }

    public SmsOtpTestApp First { get; }

    public SmsOtpTestApp Second { get; }

    public ISmsOtpThrottleStore Store => First.App.Services.GetRequiredService<ISmsOtpThrottleStore>();

    public static async Task<TwoInstances> StartAsync(Action<MosaicSmsOtpOptions>? handler = null, Action<Testing.MosaicEmulatorOptions>? emulator = null)
    {
        var keyRing = Directory.CreateTempSubdirectory("smsotp-keys-");
        void SharedKeys(IServiceCollection services) => services.AddDataProtection().SetApplicationName("smsotp-security-tests").PersistKeysToFileSystem(keyRing);

        var first = await SmsOtpTestApp.StartAsync(handler: handler, emulator: emulator, services: SharedKeys);
        var store = first.App.Services.GetRequiredService<ISmsOtpThrottleStore>();
        var second = await SmsOtpTestApp.StartAsync(handler: handler, emulator: emulator, services: services =>
        {
            SharedKeys(services);
            services.AddSingleton(store);
            services.AddSingleton<TimeProvider>(first.Time);
            services.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName).ConfigurePrimaryHttpMessageHandler(first.Emulator.CreateHandler);
        });
        return new TwoInstances(first, second, keyRing);
    }

    /// <summary>A browser whose requests to app.test go to the instance <paramref name="pick"/> names (0 or 1).</summary>
    public TestBrowser CreateBrowser(Func<int> pick) => new(SmsOtpTestApp.AppBase, new Dictionary<string, HttpMessageHandler>
    {
        [SmsOtpTestApp.AppBase.Authority] = new Balancer(pick, First.Server.CreateHandler(), Second.Server.CreateHandler()),
        [First.Emulator.BaseAddress.Authority] = First.Emulator.CreateHandler(),
    });

    public async ValueTask DisposeAsync()
    {
        // The second instance's own emulator sent nothing: scrub its logs against the codes the shared one sent.
        Second.ScrubLogsOnDispose = false;
        await Second.DisposeAsync();
        LogScrubber.AssertClean(Second.Logs.GetSnapshot(), [SmsOtpTestApp.ClientSecret, .. First.Emulator.Outbox.GetMessages().Select(m => m.Code)]);
        await First.DisposeAsync();
        _keyRing.Delete(recursive: true);
    }

    private sealed class Balancer(Func<int> pick, HttpMessageHandler first, HttpMessageHandler second) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker[] _instances = [new(first), new(second)];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => _instances[pick()].SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// The emulator's clock, wrapping the shared fake one: signals when the emulator starts a timer of a given length (an
/// injected fault's delay), which proves the request reached the emulator and is now waiting.
/// </summary>
internal sealed class TimerSignal(TimeProvider inner, TimeSpan dueTime) : TimeProvider
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime1, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime1, period);
        if (dueTime1 == dueTime)
        {
            _started.TrySetResult();
        }

        return timer;
    }
}
