using System.Globalization;
using System.Net;
using SmsOtp.AspNetCore.Testing.SignIn;

namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// A sign-in after the phone number was submitted: whether a code was sent, the SMS (or why it was not delivered),
/// and the page the browser is on. Submit a code (right or wrong) or ask for a resend from here.
/// </summary>
public sealed class MosaicSignInAttempt
{
    private readonly MosaicTestBrowser _browser;
    private readonly BrowserPage _page;

    internal MosaicSignInAttempt(MosaicTestBrowser browser, BrowserPage page, string phoneNumber, MosaicEmulatorSms? sms)
    {
        _browser = browser;
        _page = page;
        PhoneNumber = phoneNumber;
        Sms = sms;
    }

    /// <summary>The number, in the E.164 form the outbox was searched with.</summary>
    public string PhoneNumber { get; }

    /// <summary>
    /// What the emulator recorded for this step's send: the SMS with its code, a "not delivered" entry
    /// (<see cref="MosaicEmulatorSms.NotDeliveredReason"/>), or <see langword="null"/> when the app never called Mosaic
    /// (its own throttle, a refused number, a bad request).
    /// </summary>
    public MosaicEmulatorSms? Sms { get; }

    /// <summary>Whether the browser is on the code page and an SMS was delivered by this step.</summary>
    public bool CodeSent => Sms is { Delivered: true } && _page.FindForm("passcode") is not null;

    /// <summary>Whether the browser is on a page with the code form (also true after a refused resend).</summary>
    public bool OnCodePage => _page.FindForm("passcode") is not null;

    /// <summary>The status of the page the browser landed on (after redirects): 200, or 400/403/429/503 for refusals.</summary>
    public HttpStatusCode StatusCode => _page.StatusCode;

    /// <summary>The URL of that page.</summary>
    public Uri Url => _page.Url;

    /// <summary>That page's HTML.</summary>
    public string Html => _page.Html;

    /// <summary>Submits <paramref name="code"/> in the code form and follows the browser through Mosaic back to the app.</summary>
    /// <param name="code">The code; <see cref="MosaicEmulatorSms.Code"/> of <see cref="Sms"/>, or a wrong one.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The result: signed in, or the page that refused the code.</returns>
    public async Task<MosaicSignInResult> SubmitCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var form = _page.FindForm("passcode")
            ?? throw new MosaicSignInException(Describe("the browser is not on the code page"));
        var page = await BrowserPage.PostAsync(_browser.Client, form.Action, form.With("passcode", code), cancellationToken).ConfigureAwait(false);
        var principal = _browser.TakeSignIn().Principal;
        return new MosaicSignInResult(_browser.Client, page.StatusCode, page.Url, page.Html, Sms, principal, stillOnCodePage: page.FindForm("passcode") is not null);
    }

    /// <summary>Submits the code page's other form (the resend button) and returns the new attempt.</summary>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The attempt after the resend: <see cref="Sms"/> is the new SMS, or <see langword="null"/> when refused.</returns>
    public async Task<MosaicSignInAttempt> ResendAsync(CancellationToken cancellationToken = default)
    {
        var form = _page.Forms.FirstOrDefault(f => !f.Has("passcode") && f.Method == "POST")
            ?? throw new MosaicSignInException(Describe("the page has no resend form"));
        return await _browser.SubmitAsync(form, form.Fields, PhoneNumber, cancellationToken).ConfigureAwait(false);
    }

    internal string Describe(string what) => string.Create(CultureInfo.InvariantCulture,
        $"Sign-in of {PhoneNumber}: {what}. The app answered {(int)StatusCode} at {Url.PathAndQuery}. ") + (Sms switch
        {
            null => "The emulator recorded no send for this number: the app did not call Mosaic (its own throttle or validation refused, or the back-channel does not reach this emulator: call UseMosaicEmulator).",
            { Delivered: false } => "The emulator did not deliver the SMS: " + Sms.NotDeliveredReason + ".",
            _ => "The emulator delivered an SMS.",
        });
}
