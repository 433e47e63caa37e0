using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SmsOtp.AspNetCore.Flow;
using SmsOtp.AspNetCore.Phone;

namespace SmsOtp.AspNetCore;

/// <summary>
/// Options of the Mosaic SMS OTP authentication handler.
/// </summary>
public sealed class MosaicSmsOtpOptions : RemoteAuthenticationOptions
{
    private CookieBuilder _flowCookie;

    /// <summary>
    /// Creates options with the package defaults.
    /// </summary>
    public MosaicSmsOtpOptions()
    {
        CallbackPath = MosaicSmsOtpDefaults.CallbackPath;
        BackchannelTimeout = TimeSpan.FromSeconds(10);
        Events = new MosaicSmsOtpEvents();
        _flowCookie = new CookieBuilder
        {
            Name = MosaicSmsOtpDefaults.FlowCookieName,
            HttpOnly = true,
            // Lax suffices: Mosaic sends the browser back to the callback with a top-level GET redirect.
            SameSite = SameSiteMode.Lax,
            SecurePolicy = CookieSecurePolicy.Always,
            IsEssential = true,
        };
    }

    /// <summary>The client id of the Mosaic application. Required.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret of the Mosaic application. Required; keep it in user secrets or a vault, never in source.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The region that hosts the Mosaic tenant. Ignored when <see cref="BaseUrl"/> is set. Default: <see cref="MosaicRegion.US"/>.</summary>
    public MosaicRegion Region { get; set; } = MosaicRegion.US;

    /// <summary>
    /// The base URL of Mosaic's API, for a custom domain or an emulator (for example <c>https://auth.example.com</c>).
    /// When null, the host of <see cref="Region"/> is used.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The expected ID token issuer. When null, the issuer of Mosaic's discovery document is used.</summary>
    public string? Issuer { get; set; }

    /// <summary>When set, ID tokens must carry this Mosaic tenant id in their <c>tid</c> claim.</summary>
    public string? TenantId { get; set; }

    /// <summary>The path of the phone-number page (GET) and the challenge endpoint (POST). Default: <c>/signin-sms</c>.</summary>
    public PathString SignInPath { get; set; } = MosaicSmsOtpDefaults.SignInPath;

    /// <summary>The path of the code page (GET) and the validation endpoint (POST). Default: <c>/signin-sms/verify</c>.</summary>
    public PathString VerifyPath { get; set; } = MosaicSmsOtpDefaults.VerifyPath;

    /// <summary>The path of the endpoint that sends a new code (POST). Default: <c>/signin-sms/resend</c>.</summary>
    public PathString ResendPath { get; set; } = MosaicSmsOtpDefaults.ResendPath;

    /// <summary>
    /// The absolute redirect URI registered in Mosaic, for apps behind a reverse proxy that cannot forward the public
    /// scheme and host. When null, it is built from the request and <see cref="RemoteAuthenticationOptions.CallbackPath"/>.
    /// </summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>Whether Mosaic creates a user for a phone number it does not know (the app must allow public sign-up). Default: false.</summary>
    public bool CreateNewUser { get; set; }

    /// <summary>The SMS text, with the <c>{otp}</c> and <c>{app}</c> placeholders, at most 140 characters. When null, Mosaic's default text is sent.</summary>
    public string? CustomMessage { get; set; }

    /// <summary>The alphanumeric sender id shown on the SMS, at most 11 characters. Supported in some countries only.</summary>
    public string? SenderId { get; set; }

    /// <summary>The ID token claims requested from Mosaic. Default: <c>phone_number</c>, <c>phone_number_verified</c>, <c>new_user</c>.</summary>
    public ICollection<string> RequestedClaims { get; } = new List<string>
    {
        MosaicSmsOtpClaims.PhoneNumber, MosaicSmsOtpClaims.PhoneNumberVerified, MosaicSmsOtpClaims.NewUser,
    };

    /// <summary>
    /// Whether the handler serves its own phone and code pages. Turn it off to render your own views at
    /// <see cref="SignInPath"/> and <see cref="VerifyPath"/> that post the same fields to the same paths.
    /// Default: true.
    /// </summary>
    public bool UseBuiltInPages { get; set; } = true;

    /// <summary>How long a sign-in flow (from the phone page to the callback) stays valid. At most 10 minutes. Default: 10 minutes.</summary>
    public TimeSpan FlowLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The Mosaic tenant's OTP settings (code lifetime, lockout threshold and duration), which the handler plays for every
    /// number so that registered and unregistered numbers get the same answers. Set them to the tenant's values.
    /// </summary>
    public MosaicSmsOtpCodePolicyOptions CodePolicy { get; } = new();

    /// <summary>
    /// When set, the answers to a send, a resend and a code check take at least this long (on the scheme's
    /// <see cref="AuthenticationSchemeOptions.TimeProvider"/>), so that Mosaic's own timing, which may differ for numbers
    /// it knows, does not pass through to the browser (checklist B-47). Pick a value above Mosaic's slow answers (its
    /// p99), at most <see cref="RemoteAuthenticationOptions.BackchannelTimeout"/>. Default: null (no floor).
    /// </summary>
    public TimeSpan? ResponseFloor { get; set; }

    /// <summary>The largest request body the handler's POST endpoints accept, in bytes; larger ones get 413. Default: 8 KiB.</summary>
    public long MaxRequestBodySize { get; set; } = 8 * 1024;

    /// <summary>
    /// The cookie that carries a sign-in flow (the phone number, a one-time nonce and where to return), data-protected
    /// and bound to this browser. Defaults: <c>__Host-SmsOtp.Flow</c>, HttpOnly, SameSite=Lax, Secure, <c>Path=/</c>, no
    /// <c>Domain</c>: the <c>__Host-</c> prefix keeps sibling subdomains from planting a flow (cookie tossing). Set
    /// <see cref="CookieBuilder.SecurePolicy"/> to <see cref="CookieSecurePolicy.SameAsRequest"/> only for local HTTP
    /// development: over plain HTTP the cookie goes without the prefix, scoped to the handler's paths. A name without the
    /// prefix is always scoped to the handler's paths (or <see cref="CookieBuilder.Path"/>).
    /// </summary>
    public CookieBuilder FlowCookie
    {
        get => _flowCookie;
        set => _flowCookie = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>How typed phone numbers are read: default region, allowed countries, number types refused.</summary>
    public MosaicSmsOtpPhoneNumberOptions PhoneNumbers { get; } = new();

    /// <summary>The limits on codes sent and codes tried, per number, per client IP and overall.</summary>
    public MosaicSmsOtpThrottlingOptions Throttling { get; } = new();

    /// <summary>The path of Mosaic's token endpoint. Default: <c>/oidc/token</c>.</summary>
    public string TokenEndpointPath { get; set; } = "/oidc/token";

    /// <summary>The path of Mosaic's OpenID Connect discovery document. Default: <c>/cis/oidc/.well-known/openid-configuration</c>.</summary>
    public string DiscoveryPath { get; set; } = "/cis/oidc/.well-known/openid-configuration";

    /// <summary>Whether the discovery document and keys must be fetched over HTTPS. Default: true.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Parameters for ID token validation. The handler fills in the issuer, audience (the client id), signing keys, the
    /// RS256 algorithm allow-list and the time provider; set other properties (such as the clock skew) here.
    /// </summary>
    public TokenValidationParameters TokenValidationParameters { get; set; } = new() { ClockSkew = TimeSpan.FromMinutes(1) };

    /// <summary>Retrieves and caches Mosaic's discovery document and signing keys. Created from <see cref="DiscoveryPath"/> when null.</summary>
    public IConfigurationManager<OpenIdConnectConfiguration>? ConfigurationManager { get; set; }

    /// <summary>The event handlers, through which the app can observe and change the flow.</summary>
    public new MosaicSmsOtpEvents Events
    {
        get => (MosaicSmsOtpEvents)base.Events;
        set => base.Events = value;
    }

    /// <summary>
    /// Does nothing: the platform's per-scheme check (the sign-in scheme must not be this scheme, CallbackPath set) would
    /// throw at start-up before the other problems are known; the handler's options validator reports these and every
    /// other problem at once, naming what to set.
    /// </summary>
    /// <param name="scheme">The scheme name.</param>
    public override void Validate(string scheme)
    {
    }

    /// <summary>The base URL of Mosaic's API in effect: <see cref="BaseUrl"/>, or the host of <see cref="Region"/>.</summary>
    public Uri EffectiveBaseUrl => BaseUrl ?? Region switch
    {
        MosaicRegion.EU => new Uri("https://api.eu.transmitsecurity.io/"),
        MosaicRegion.CA => new Uri("https://api.ca.transmitsecurity.io/"),
        MosaicRegion.AU => new Uri("https://api.au.transmitsecurity.io/"),
        MosaicRegion.Sandbox => new Uri("https://api.sbx.transmitsecurity.io/"),
        _ => new Uri("https://api.transmitsecurity.io/"),
    };

    /// <summary>The scheme's clock: <see cref="AuthenticationSchemeOptions.TimeProvider"/>, or the system clock when unset.</summary>
    internal TimeProvider Clock => TimeProvider ?? TimeProvider.System;

    /// <summary>An absolute URL on Mosaic's API; keeps a base URL's own path (a custom domain's or an emulator's prefix).</summary>
    internal Uri MosaicUri(string path) => new(EffectiveBaseUrl.AbsoluteUri.TrimEnd('/') + "/" + path.TrimStart('/'));

    /// <summary>Reads typed numbers with <see cref="PhoneNumbers"/>; built once per options instance, on first use (after validation).</summary>
    internal PhoneNumberNormalizer PhoneNumberNormalizer => _phoneNumberNormalizer ??= new PhoneNumberNormalizer(PhoneNumbers);

    private PhoneNumberNormalizer? _phoneNumberNormalizer;

    /// <summary>Configuration values that could not be bound (set by the configuration binding, reported by the validator).</summary>
    internal List<string> ConfigurationProblems { get; } = [];

    /// <summary>Protects and reads the flow cookie; set by the post-configuration.</summary>
    internal SmsOtpFlowFormat? FlowFormat { get; set; }

    /// <summary>The longest path prefix the handler's four paths share: the flow cookie's path unless one is set.</summary>
    internal PathString FlowCookiePath { get; set; } = "/";
}
