using System.Globalization;
using System.Net;
using System.Security.Claims;

namespace SmsOtp.AspNetCore.Testing;

/// <summary>What a submitted code led to: signed in (with the app's claims) or refused, and the client to go on with.</summary>
public sealed class MosaicSignInResult
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

    internal string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"The code was not accepted: the app answered {(int)StatusCode} at {Url.PathAndQuery}{(_stillOnCodePage ? ", still on the code page" : string.Empty)}{(Principal is null ? ", and signed nobody in" : string.Empty)}.");
}
