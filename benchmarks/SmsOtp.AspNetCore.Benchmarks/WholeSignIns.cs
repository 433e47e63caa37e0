using System.Net;

namespace SmsOtp.AspNetCore.Benchmarks;

/// <summary>
/// The two sign-ins compared, step by step as a person does them (same SMS steps: open a protected page, type the
/// number, type the code), each by a new browser. Both return the protected page's body once the browser is back on it.
/// </summary>
internal static class WholeSignIns
{
    private static readonly Uri OursSecure = new(BenchApp.AppBase, "/secure");
    private static readonly Uri OursSignIn = new(BenchApp.AppBase, MosaicSmsOtpDefaults.SignInPath);
    private static readonly Uri OursVerify = new(BenchApp.AppBase, MosaicSmsOtpDefaults.VerifyPath);
    private static readonly Uri OidcSecure = new(OpenIdConnectBenchApp.AppBase, "/secure");

    /// <summary>
    /// Ours: challenge → phone page → phone POST (Mosaic send) → code page → code POST (Mosaic validate) → Mosaic
    /// authorize → callback (code exchange, ID token validation, cookie sign-in) → the protected page.
    /// </summary>
    public static async Task<string> OursAsync(BenchBrowser browser, string phone, Func<string, string?> latestCode)
    {
        var phonePage = await GetPageAsync(browser, OursSecure).ConfigureAwait(false);
        var codePage = await PostAsync(browser, OursSignIn, [new("__RequestVerificationToken", BenchBrowser.AntiforgeryToken(phonePage)), new("phone_number", phone)], OursSignIn).ConfigureAwait(false);
        var code = latestCode(phone) ?? throw new InvalidOperationException("No SMS was sent to " + phone);
        var landed = await PostAsync(browser, OursVerify, [new("__RequestVerificationToken", BenchBrowser.AntiforgeryToken(codePage)), new("passcode", code)], OursVerify).ConfigureAwait(false);
        return Landed(browser, OursSecure, landed, phone);
    }

    /// <summary>
    /// Microsoft's: challenge → Mosaic authorize (the hosted phone page) → phone POST → code page → code POST →
    /// the auto-submitted form_post to the callback (code exchange, ID token validation, cookie sign-in) → the protected page.
    /// </summary>
    public static async Task<string> OpenIdConnectAsync(BenchBrowser browser, string phone, Func<string, string?> latestCode)
    {
        var phonePage = await GetPageAsync(browser, OidcSecure).ConfigureAwait(false);
        var codePage = await SubmitAsync(browser, phonePage, new("phone_number", phone)).ConfigureAwait(false);
        var code = latestCode(phone) ?? throw new InvalidOperationException("No SMS was sent to " + phone);
        var formPost = await SubmitAsync(browser, codePage, new("passcode", code)).ConfigureAwait(false);
        var landed = await SubmitAsync(browser, formPost, null).ConfigureAwait(false);
        return Landed(browser, OidcSecure, landed, null);
    }

    private static async Task<string> GetPageAsync(BenchBrowser browser, Uri url)
    {
        using var response = await browser.GetAsync(url, followRedirects: true).ConfigureAwait(false);
        return await ExpectAsync(response, HttpStatusCode.OK).ConfigureAwait(false);
    }

    private static async Task<string> PostAsync(BenchBrowser browser, Uri url, IEnumerable<KeyValuePair<string, string>> fields, Uri page)
    {
        using var response = await browser.PostFormAsync(url, fields, page, followRedirects: true).ConfigureAwait(false);
        return await ExpectAsync(response, HttpStatusCode.OK).ConfigureAwait(false);
    }

    /// <summary>Fills in the current page's form (its hidden fields plus <paramref name="typed"/>) and posts it.</summary>
    private static Task<string> SubmitAsync(BenchBrowser browser, string html, KeyValuePair<string, string>? typed)
    {
        var page = browser.CurrentUrl!;
        var (action, fields) = BenchBrowser.Form(html, page);
        if (typed is { } field)
        {
            fields.Add(field);
        }

        return PostAsync(browser, action, fields, page);
    }

    private static string Landed(BenchBrowser browser, Uri secure, string body, string? phone)
        => browser.CurrentUrl == secure && (phone is null || body.EndsWith(phone, StringComparison.Ordinal))
            ? body
            : throw new InvalidOperationException($"The sign-in landed on {browser.CurrentUrl}: {body}");

    public static async Task<string> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return response.StatusCode == expected
            ? body
            : throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not {(int)expected}: {body}");
    }
}
