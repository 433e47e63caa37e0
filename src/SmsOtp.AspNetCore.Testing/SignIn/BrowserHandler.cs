using System.Net;

namespace SmsOtp.AspNetCore.Testing.SignIn;

/// <summary>
/// Behaves like a browser over in-process servers: routes the emulator's host to the emulator and everything else to
/// the app, keeps cookies, sends <c>Origin</c> on POSTs, and follows redirects across hosts (app → Mosaic's result URI →
/// the app's callback), switching to GET on 301/302/303 as browsers do.
/// </summary>
internal sealed class BrowserHandler(HttpMessageHandler app, MosaicEmulator emulator, CookieContainer cookies, string browserId) : HttpMessageHandler
{
    private const int MaxRedirects = 20;
    private readonly HttpMessageInvoker _app = new(app, disposeHandler: true);
    private readonly HttpMessageInvoker _emulator = new(emulator.CreateHandler(), disposeHandler: true);

    /// <summary>Whether redirects are followed; the sign-in steps follow them, a test may want to see them.</summary>
    public bool FollowRedirects { get; set; } = true;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var redirects = 0; ; redirects++)
        {
            var uri = request.RequestUri!;
            var toEmulator = string.Equals(uri.Authority, emulator.BaseAddress.Authority, StringComparison.OrdinalIgnoreCase);
            request.Headers.Remove("Cookie");
            var cookieHeader = cookies.GetCookieHeader(uri);
            if (cookieHeader.Length > 0)
            {
                request.Headers.Add("Cookie", cookieHeader);
            }

            if (request.Method == HttpMethod.Post && !request.Headers.Contains("Origin"))
            {
                request.Headers.Add("Origin", uri.GetLeftPart(UriPartial.Authority));
            }

            if (!toEmulator && !request.Headers.Contains(SignInRecorder.BrowserIdHeader))
            {
                request.Headers.Add(SignInRecorder.BrowserIdHeader, browserId);
            }

            var response = await (toEmulator ? _emulator : _app).SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    cookies.SetCookies(uri, setCookie);
                }
            }

            var status = (int)response.StatusCode;
            if (!FollowRedirects || status is < 300 or > 399 || response.Headers.Location is null || redirects == MaxRedirects)
            {
                response.RequestMessage = request;
                return response;
            }

            var next = new Uri(uri, response.Headers.Location);
            var keepMethod = status is 307 or 308;
            var following = new HttpRequestMessage(keepMethod ? request.Method : HttpMethod.Get, next);
            if (keepMethod && request.Content is not null)
            {
                following.Content = request.Content;
            }

            response.Dispose();
            request = following;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _app.Dispose();
            _emulator.Dispose();
        }

        base.Dispose(disposing);
    }
}
