using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;

namespace SmsOtp.AspNetCore.Testing;

/// <summary>What a submitted code led to: signed in (with the app's claims) or refused, and the client to go on with.</summary>
public sealed partial class MosaicSignInResult
{
    private readonly bool _stillOnCodePage;

    internal MosaicSignInResult(HttpClient client, HttpStatusCode statusCode, Uri url, string html, MosaicEmulatorSms? sms, ClaimsPrincipal? principal, bool stillOnCodePage)
    {
        Client = client;
        StatusCode = statusCode;
        Url = url;
        Html = html;
        Sms = sms;
        Principal = principal;
        _stillOnCodePage = stillOnCodePage;
    }

    /// <summary>
    /// Whether the app signed the user in: it issued the sign-in ticket (reported through its <c>OnTicketReceived</c>
    /// event) and the browser left the code page.
    /// </summary>
    public bool Succeeded => Principal is not null && !_stillOnCodePage;

    /// <summary>The browser's client: signed in when <see cref="Succeeded"/>; its cookies carry the session.</summary>
    public HttpClient Client { get; }

    /// <summary>The SMS whose code was used.</summary>
    public MosaicEmulatorSms? Sms { get; }

    /// <summary>The principal the app signed in (from its <c>OnTicketReceived</c> event), or <see langword="null"/>.</summary>
    public ClaimsPrincipal? Principal { get; }

    /// <summary>The claims of <see cref="Principal"/>; empty when not signed in.</summary>
    public IReadOnlyList<Claim> Claims => Principal?.Claims.ToList() ?? [];

    /// <summary>The status of the page the browser finally landed on.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The URL of that page (the return URL after a sign-in).</summary>
    public Uri Url { get; }

    /// <summary>That page's HTML.</summary>
    public string Html { get; }

    /// <summary>
    /// Why the sign-in failed, for <see cref="MosaicSignInException"/>: where the browser landed (the path only: a
    /// callback's query carries the authorization code), what the page said, and the ID-token faults the emulator built
    /// in, since the app's reason for refusing a token is in its log, not on its page.
    /// </summary>
    internal string Describe(MosaicEmulatorIdTokenFault idTokenFaults)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"The code was not accepted: the app answered {(int)StatusCode} at {Url.AbsolutePath}"));
        text.Append(_stillOnCodePage ? ", still on the code page" : string.Empty)
            .Append(Principal is null ? ", and signed nobody in." : ".");
        if (PageMessage(Html) is { } message)
        {
            text.Append(" The page says: \"").Append(message).Append(message.EndsWith('.') ? "\"" : "\".");
        }

        text.Append(idTokenFaults == MosaicEmulatorIdTokenFault.None
            ? " The emulator built no fault into the ID token."
            : " The emulator built these faults into the ID token (MosaicEmulator.Faults.IdToken): " + idTokenFaults + ".");
        return text.Append(" The app's log says why it refused (SmsOtp.AspNetCore events 1011 and 1017).").ToString();
    }

    /// <summary>The text of the page's first <c>role="alert"</c> element (the built-in pages put their refusal there).</summary>
    private static string? PageMessage(string html)
    {
        var alert = AlertElement().Match(html);
        return alert.Success ? WebUtility.HtmlDecode(Tags().Replace(alert.Groups["text"].Value, string.Empty)).Trim() : null;
    }

    [GeneratedRegex("""<(?<tag>p|div|span)\b[^>]*\brole="alert"[^>]*>(?<text>.*?)</\k<tag>>""", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AlertElement();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Tags();
}
