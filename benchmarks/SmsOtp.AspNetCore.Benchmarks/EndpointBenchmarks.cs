using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace SmsOtp.AspNetCore.Benchmarks;

/// <summary>
/// What one request to the handler's endpoints costs, against a plain minimal-API endpoint in the same app, all over
/// TestServer (no sockets). The client-side work (building requests, the cookie jar) is in every figure, the baseline's too.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class EndpointBenchmarks
{
    private static readonly Uri Home = new(BenchApp.AppBase, "/");
    private static readonly Uri Secure = new(BenchApp.AppBase, "/secure");
    private static readonly Uri SignIn = new(BenchApp.AppBase, MosaicSmsOtpDefaults.SignInPath);
    private static readonly Uri Verify = new(BenchApp.AppBase, MosaicSmsOtpDefaults.VerifyPath);

    private BenchApp _app = null!;
    private HttpMessageInvoker _appInvoker = null!;
    private HttpMessageInvoker _mosaicInvoker = null!;
    private static readonly byte[] IdTokenSizedPayload = Encoding.UTF8.GetBytes(new string('x', 700));

    private readonly RSA _rsa = RSA.Create(2048);
    private long _phoneCounter;

    /// <summary>The browser requests of the last whole sign-in (for <c>--check</c>).</summary>
    internal int LastSignInRequests { get; private set; }

    internal MosaicEmulatorCountersView Mosaic => new(_app.Emulator);

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _app = await BenchApp.StartAsync().ConfigureAwait(false);
        _appInvoker = new HttpMessageInvoker(_app.Server.CreateHandler());
        _mosaicInvoker = new HttpMessageInvoker(_app.Emulator.CreateHandler());

        // Fail here, not in the middle of a measurement, if the flow does not work.
        await WholeSignIn().ConfigureAwait(false);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _rsa.Dispose();
        _appInvoker.Dispose();
        _mosaicInvoker.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>GET / answered by <c>MapGet("/", () => "home")</c> behind UseAuthentication and UseAuthorization.</summary>
    [Benchmark(Baseline = true, Description = "GET / (plain endpoint)")]
    public Task<string> PlainEndpoint() => SendAsync(HttpMethod.Get, Home, HttpStatusCode.OK);

    /// <summary>The phone page: HTML rendered by the handler, with a fresh antiforgery token pair and its cookie.</summary>
    [Benchmark(Description = "GET /signin-sms (phone page)")]
    public Task<string> PhonePage() => SendAsync(HttpMethod.Get, SignIn, HttpStatusCode.OK);

    /// <summary>An anonymous GET of a protected page: authorization fails, the handler writes the flow cookie and answers 303.</summary>
    [Benchmark(Description = "GET /secure → 303 (challenge)")]
    public Task<string> Challenge() => SendAsync(HttpMethod.Get, Secure, HttpStatusCode.SeeOther);

    /// <summary>
    /// A whole sign-in by a new browser, 8 browser requests (7 to the app, 1 to Mosaic) and 3 back-channel calls:
    /// challenge → phone page → phone POST (Mosaic send) → code page → code POST (Mosaic validate) → Mosaic authorize →
    /// callback (code exchange, ID token validation, cookie sign-in) → the protected page. The emulator's share (its
    /// endpoints, issuing and signing the ID token) is included. <c>--check</c> prints these counts.
    /// </summary>
    [Benchmark(Description = "Whole sign-in (8 requests + 3 back-channel)")]
    public async Task<string> WholeSignIn()
    {
        var phone = "+1617" + (2_000_000 + Interlocked.Increment(ref _phoneCounter)).ToString(CultureInfo.InvariantCulture);
        var browser = _app.CreateBrowser(_appInvoker, _mosaicInvoker);

        string phonePage;
        using (var response = await browser.GetAsync(Secure, followRedirects: true).ConfigureAwait(false))
        {
            phonePage = await Expect(response, HttpStatusCode.OK).ConfigureAwait(false);
        }

        string codePage;
        using (var response = await browser.PostFormAsync(SignIn, [new("__RequestVerificationToken", BenchBrowser.AntiforgeryToken(phonePage)), new("phone_number", phone)], followRedirects: true).ConfigureAwait(false))
        {
            codePage = await Expect(response, HttpStatusCode.OK).ConfigureAwait(false);
        }

        var code = _app.Emulator.Outbox.GetLatest(phone)?.Code ?? throw new InvalidOperationException("No SMS was sent to " + phone);
        using (var response = await browser.PostFormAsync(Verify, [new("__RequestVerificationToken", BenchBrowser.AntiforgeryToken(codePage)), new("passcode", code)], followRedirects: true).ConfigureAwait(false))
        {
            var landed = await Expect(response, HttpStatusCode.OK).ConfigureAwait(false);
            LastSignInRequests = browser.Requests;
            return browser.CurrentUrl == Secure && landed.EndsWith(phone, StringComparison.Ordinal)
                ? landed
                : throw new InvalidOperationException($"The sign-in landed on {browser.CurrentUrl}: {landed}");
        }
    }

    /// <summary>
    /// Not the handler's cost: one RS256 signature with a 2048-bit key, which the emulator computes for every ID token it
    /// issues (a real Mosaic does it on its own servers). It tells how much of the whole sign-in is the emulator's signing.
    /// </summary>
    [Benchmark(Description = "Reference: one RSA-2048 RS256 signature")]
    public byte[] Rs256Signature() => _rsa.SignData(IdTokenSizedPayload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    private async Task<string> SendAsync(HttpMethod method, Uri url, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url);
        using var response = await _appInvoker.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
        return await Expect(response, expected).ConfigureAwait(false);
    }

    private static async Task<string> Expect(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return response.StatusCode == expected
            ? body
            : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}: {body}");
    }
}
