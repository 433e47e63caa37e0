using System.Net;
using System.Security.Cryptography;
using SmsOtp.AspNetCore.Testing.SignIn;

namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// Signs a phone number in to an app the way a browser would, against an in-process <see cref="MosaicEmulator"/>: an
/// <c>https</c> base address (the flow cookie is <c>Secure</c>), cookies, the antiforgery field of each form, the hop
/// through Mosaic's <c>result</c> URI, and the code read from the emulator's outbox. Needs no test framework.
/// </summary>
/// <remarks>
/// Pages are driven by their forms (the fields <c>phone_number</c> and <c>passcode</c>) and by status codes, not by
/// their text. The app must be configured with <c>UseMosaicEmulator</c> (or <c>WithMosaicEmulator</c>) so its
/// back-channel calls reach the same emulator.
/// </remarks>
/// <example>
/// <code>
/// using var browser = new MosaicTestBrowser(mosaic, factory.Server.CreateHandler());
/// var signIn = await browser.SignInAsync("+16175551212");
/// var page = await signIn.Client.GetStringAsync("/account");
/// </code>
/// </example>
public sealed class MosaicTestBrowser : IDisposable
{
    /// <summary>The base address used when none is given: <c>https://localhost/</c>.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://localhost/");

    private readonly MosaicEmulator _emulator;
    private readonly SignInRecorder _recorder;
    private readonly string _browserId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    private readonly string _signInPath;

    /// <summary>Creates a browser for the app behind <paramref name="app"/>.</summary>
    /// <param name="emulator">The emulator the app talks to.</param>
    /// <param name="app">Sends requests into the app, e.g. <c>factory.Server.CreateHandler()</c>; disposed with the browser.</param>
    /// <param name="baseAddress">The app's address; <c>https</c>. Defaults to <see cref="DefaultBaseAddress"/>.</param>
    /// <param name="signInPath">The scheme's <c>SignInPath</c>. Defaults to <c>/signin-sms</c>.</param>
    public MosaicTestBrowser(MosaicEmulator emulator, HttpMessageHandler app, Uri? baseAddress = null, string signInPath = MosaicSmsOtpDefaults.SignInPath)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrEmpty(signInPath);
        _emulator = emulator;
        _recorder = emulator.SignIns;
        _signInPath = signInPath;
        BaseAddress = baseAddress ?? DefaultBaseAddress;
        Client = new HttpClient(new BrowserHandler(app, emulator, Cookies, _browserId)) { BaseAddress = BaseAddress };
    }

    /// <summary>The app's address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The browser's cookies (the app's and the emulator's).</summary>
    public CookieContainer Cookies { get; } = new();

    /// <summary>A client that shares this browser's cookies and follows redirects; signed in after a successful sign-in.</summary>
    public HttpClient Client { get; }

    /// <summary>
    /// The whole sign-in: opens the phone page, submits <paramref name="phoneNumber"/>, reads the code from the outbox
    /// and submits it. Throws <see cref="MosaicSignInException"/> saying what went wrong when it does not succeed; use
    /// <see cref="StartSignInAsync"/> to drive failures step by step.
    /// </summary>
    /// <param name="phoneNumber">The E.164 number (or any form the app accepts; the outbox is searched by its E.164 form).</param>
    /// <param name="returnUrl">The local URL to come back to. Defaults to <c>/</c>.</param>
    /// <param name="cancellationToken">Cancels the sign-in.</param>
    /// <returns>The signed-in result.</returns>
    public async Task<MosaicSignInResult> SignInAsync(string phoneNumber, string returnUrl = "/", CancellationToken cancellationToken = default)
    {
        var attempt = await StartSignInAsync(phoneNumber, returnUrl, cancellationToken).ConfigureAwait(false);
        if (!attempt.CodeSent || attempt.Sms is not { Delivered: true } sms)
        {
            throw new MosaicSignInException(attempt.Describe("no code was sent"));
        }

        var result = await attempt.SubmitCodeAsync(sms.Code, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result : throw new MosaicSignInException(result.Describe(_emulator.Faults.IdToken));
    }

    /// <summary>
    /// Opens the phone page and submits <paramref name="phoneNumber"/>: the first half of a sign-in. The attempt says
    /// whether a code was sent (and the SMS, or why it was not delivered) and submits codes or asks for a resend.
    /// </summary>
    /// <param name="phoneNumber">The number to type into the phone form.</param>
    /// <param name="returnUrl">The local URL to come back to. Defaults to <c>/</c>.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The attempt, on the code page when a code was sent.</returns>
    public async Task<MosaicSignInAttempt> StartSignInAsync(string phoneNumber, string returnUrl = "/", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneNumber);
        var start = _signInPath + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var page = await BrowserPage.GetAsync(Client, new Uri(BaseAddress, start), cancellationToken).ConfigureAwait(false);
        var form = page.FindForm("phone_number")
            ?? throw new MosaicSignInException($"GET {start} answered {(int)page.StatusCode} at {page.Url} without a form that has a phone_number field. Is the Mosaic scheme's SignInPath {_signInPath}, and UseBuiltInPages on?");
        return await SubmitAsync(form, form.With("phone_number", phoneNumber), phoneNumber, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends no more requests; disposes <see cref="Client"/> and the app handler.</summary>
    public void Dispose() => Client.Dispose();

    internal ClaimsPrincipalSnapshot TakeSignIn() => new(_recorder.Take(_browserId));

    internal async Task<MosaicSignInAttempt> SubmitAsync(HtmlForm form, List<KeyValuePair<string, string>> fields, string phoneNumber, CancellationToken cancellationToken)
    {
        var e164 = new string([.. phoneNumber.Where(c => c == '+' || char.IsAsciiDigit(c))]);
        var before = Newest(_emulator.Outbox.GetSendAttempts(e164));
        var page = await BrowserPage.PostAsync(Client, form.Action, fields, cancellationToken).ConfigureAwait(false);
        var latest = Newest(_emulator.Outbox.GetSendAttempts(e164));
        var sms = latest is not null && !ReferenceEquals(latest, before) ? latest : null;
        return new MosaicSignInAttempt(this, page, e164, sms);
    }

    private static MosaicEmulatorSms? Newest(IReadOnlyList<MosaicEmulatorSms> attempts) => attempts.Count > 0 ? attempts[0] : null;
}
