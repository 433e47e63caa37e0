using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOtp.AspNetCore.Testing;

namespace SmsOtp.AspNetCore.Benchmarks;

/// <summary>
/// Checklist B-47: how much of Mosaic's own timing passes through the send and the code check, for a number Mosaic knows
/// and one it does not (sign-up off), with and without <see cref="MosaicSmsOtpOptions.ResponseFloor"/>. The emulator
/// answers in microseconds for both, so a slower Mosaic for registered numbers (it sends an SMS, it checks a code) is
/// played by a delay in the backchannel: <see cref="RegisteredExtra"/> more for the registered number. Without a floor the
/// difference shows one to one in the figures; with a floor above Mosaic's slowest answer, both take the floor.
/// Run: <c>dotnet run -c Release --project benchmarks/SmsOtp.AspNetCore.Benchmarks -- --filter '*TimingPassThrough*'</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
public partial class TimingPassThroughBenchmarks
{
    /// <summary>What real Mosaic is assumed to take for every call.</summary>
    public static readonly TimeSpan MosaicBase = TimeSpan.FromMilliseconds(20);

    /// <summary>What it is assumed to take more for a number it knows.</summary>
    public static readonly TimeSpan RegisteredExtra = TimeSpan.FromMilliseconds(30);

    // Each operation on a number of its own (a wrong code per number stays below every lockout): registered ones are
    // +1617555nnnn, unregistered +1617556nnnn, so that both kinds differ only in whether Mosaic knows them.
    private const int Numbers = 10_000;
    private static readonly Uri AppBase = new("https://app.test/");

    private WebApplication _app = null!;
    private MosaicEmulator _mosaic = null!;
    private HttpMessageInvoker _invoker = null!;
    private string _cookies = string.Empty;
    private string _token = string.Empty;
    private int _sequence;
    private int _next;

    /// <summary>Whether Mosaic knows the number.</summary>
    [Params(true, false)]
    public bool NumberIsRegistered { get; set; }

    /// <summary>The response floor in milliseconds; 0 for none.</summary>
    [Params(0, 100)]
    public int FloorMilliseconds { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _mosaic = new MosaicEmulator(o =>
        {
            o.Clients.Add(new MosaicEmulatorClient { ClientId = "timing", ClientSecret = "timing-secret-1", AllowedRedirectUris = { new Uri(AppBase, MosaicSmsOtpDefaults.CallbackPath).AbsoluteUri } });
            for (var i = 0; i < Numbers; i++)
            {
                o.Users.Add(new MosaicEmulatorUser { UserId = "u-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), PhoneNumber = Number(registered: true, i) });
            }

            o.Otp.MaxFailures = 20;
        });
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer(o => o.BaseAddress = AppBase);
        builder.Logging.ClearProviders();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(_mosaic.CreateHandler)
            .AddHttpMessageHandler(() => new MosaicTiming());
        builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.DefaultChallengeScheme = MosaicSmsOtpDefaults.AuthenticationScheme;
        }).AddCookie().AddMosaicSmsOtp(o =>
        {
            o.ClientId = "timing";
            o.ClientSecret = "timing-secret-1";
            o.BaseUrl = _mosaic.BaseAddress;
            o.CodePolicy.LockoutThreshold = 20;
            o.Throttling.ResendCooldown = TimeSpan.Zero;
            // High enough for every iteration, low enough for the in-memory store's bound (B-43).
            o.Throttling.MaxSendsPerNumberPerHour = 20_000;
            o.Throttling.MaxSendsPerClientIpPerHour = 20_000;
            o.Throttling.MaxSendsPerHour = 20_000;
            o.Throttling.ConsecutiveFailureWindow = TimeSpan.FromHours(1);
            o.Throttling.MaxAttemptsPerNumberPerHour = 100;
            o.ResponseFloor = FloorMilliseconds > 0 ? TimeSpan.FromMilliseconds(FloorMilliseconds) : null;
        });
        _app = builder.Build();
        _app.UseAuthentication();
        await _app.StartAsync().ConfigureAwait(false);
        _invoker = new HttpMessageInvoker(_app.GetTestServer().CreateHandler());

        using var page = await _invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(AppBase, MosaicSmsOtpDefaults.SignInPath)), CancellationToken.None).ConfigureAwait(false);
        _cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        _token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync().ConfigureAwait(false)).Groups[1].Value;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _invoker.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
        await _mosaic.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A send (the phone form), then a wrong code in that flow: the two answers whose timing Mosaic shapes.</summary>
    [Benchmark]
    public async Task SendThenWrongCode()
    {
        var number = Number(NumberIsRegistered, Interlocked.Increment(ref _next) % Numbers);
        using var sent = await PostAsync(MosaicSmsOtpDefaults.SignInPath, _cookies, [new("phone_number", number)]).ConfigureAwait(false);
        if (!sent.Headers.Contains("Set-Cookie"))
        {
            var body = await sent.Content.ReadAsStringAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The send answered {(int)sent.StatusCode} with no flow cookie: {body[..Math.Min(400, body.Length)]}");
        }

        var flow = sent.Headers.GetValues("Set-Cookie").First(c => c.Contains(MosaicSmsOtpDefaults.FlowCookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        var code = (Interlocked.Increment(ref _sequence) % 900_000 + 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var checkedCode = await PostAsync(MosaicSmsOtpDefaults.VerifyPath, _cookies + "; " + flow, [new("passcode", code)]).ConfigureAwait(false);
    }

    private static string Number(bool registered, int i) =>
        (registered ? "+1617555" : "+1617556") + i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> PostAsync(string path, string cookies, KeyValuePair<string, string>[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(AppBase, path))
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", _token), .. fields]),
        };
        request.Headers.Add("Origin", "https://app.test");
        request.Headers.Add("Cookie", cookies);
        return _invoker.SendAsync(request, CancellationToken.None);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Plays a Mosaic that takes longer for numbers it knows.</summary>
    private sealed class MosaicTiming : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (request.RequestUri!.AbsolutePath.Contains("/auth/otp/sms", StringComparison.Ordinal))
            {
                // Digits only: the JSON body escapes the "+" (\u002B).
                var extra = body.Contains("1617555", StringComparison.Ordinal) ? RegisteredExtra : TimeSpan.Zero;
                await Task.Delay(MosaicBase + extra, cancellationToken).ConfigureAwait(false);
            }

            return response;
        }
    }
}
