using System.Net;
using System.Text.RegularExpressions;

namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>Helpers for the security suite: response inspection, the callback URL of a flow, and client IPs.</summary>
internal static partial class SecurityTestKit
{
    public const string AuthCookieName = ".AspNetCore.Cookies";

    /// <summary>The flow's code-accepted mark (checklist B-44) under the default flow cookie name.</summary>
    public const string CodeAcceptedCookieName = MosaicSmsOtpDefaults.FlowCookieName + SmsOtp.AspNetCore.Flow.SmsOtpFlowCookie.CodeAcceptedSuffix;

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

    /// <summary>Stamps every request with <see cref="PeerIpHeader"/>, for apps that <see cref="UseTestPeerAddress"/>.</summary>
    internal sealed class PeerHeader(string peer, HttpMessageHandler inner) : DelegatingHandler(inner)
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
