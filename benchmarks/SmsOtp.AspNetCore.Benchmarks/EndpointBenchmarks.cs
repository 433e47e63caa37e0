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
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 10)]
public class EndpointBenchmarks
{
    private static readonly Uri Home = new(BenchApp.AppBase, "/");
    private static readonly Uri Secure = new(BenchApp.AppBase, "/secure");
    private static readonly Uri SignIn = new(BenchApp.AppBase, MosaicSmsOtpDefaults.SignInPath);

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

    /// <summary>
    /// The whole sign-in's setup also waits until the JIT has settled: BenchmarkDotNet's warm-up iterations end long
    /// before hundreds of methods reach tier 1, which left this row at 12.9 ms ± 19.5 ms. The other rows need no more
    /// than BenchmarkDotNet's own warm-up (a few methods, thousands of calls per iteration).
    /// </summary>
    [GlobalSetup(Target = nameof(WholeSignIn))]
    public async Task SetupWholeSignInAsync()
    {
        await SetupAsync().ConfigureAwait(false);
        await JitSettling.UntilSettledAsync([new("whole sign-in", () => JitSettling.CpuPerOperationAsync(60, WholeSignIn))], TimeSpan.FromSeconds(150), Console.Out).ConfigureAwait(false);
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
        var landed = await WholeSignIns.OursAsync(browser, phone, p => _app.Emulator.Outbox.GetLatest(p)?.Code).ConfigureAwait(false);
        LastSignInRequests = browser.Requests;
        return landed;
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

    private static Task<string> Expect(HttpResponseMessage response, HttpStatusCode expected) => WholeSignIns.ExpectAsync(response, expected);
}
