namespace SmsOtp.AspNetCore;

/// <summary>
/// How the built-in pages look and what they are made of: the app's name, logo and colours, its own stylesheet and
/// layout, and, for any of the three pages, the app's own component in place of the built-in one.
/// </summary>
public sealed class MosaicSmsOtpPagesOptions
{
    /// <summary>
    /// Gets or sets the app's name, shown in the pages' header and titles ("Enter your code · Contoso"). The SMS names the
    /// app through Mosaic's <c>{app}</c> placeholder, which Mosaic fills with the Mosaic application's name: give both the
    /// same name. The default is null (no name shown).
    /// </summary>
    public string? DisplayName { get; set; }

    /// <summary>
    /// Gets or sets the URL of the app's logo, shown in the header: an app-relative path (<c>/img/logo.svg</c>) or an
    /// absolute https URL, whose origin the pages' Content-Security-Policy then allows for images. The default is null.
    /// </summary>
    public string? LogoUrl { get; set; }

    /// <summary>Gets or sets where the header's "Back to …" link goes (a local path or an absolute URL). The default is null (no link).</summary>
    public string? HomeUrl { get; set; }

    /// <summary>
    /// Gets or sets the URL of an extra stylesheet loaded after the built-in styles: an app-relative path or an absolute
    /// https URL, whose origin the pages' Content-Security-Policy then allows for styles. It can set the pages' custom
    /// properties (<c>--smsotp-accent</c> and the others listed in the README) or any other rule. The default is null.
    /// </summary>
    public string? StylesheetUrl { get; set; }

    /// <summary>
    /// Gets the values of the pages' CSS custom properties, set in the page itself: for example
    /// <c>["--smsotp-accent"] = "#6d28d9"</c>. Names start with <c>--smsotp-</c>; values are colours, lengths or font
    /// names (letters, digits, spaces and <c>#%.,()-</c> only). They apply to light and dark alike; use
    /// <see cref="StylesheetUrl"/> for per-scheme values.
    /// </summary>
    public IDictionary<string, string> CssVariables { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the colour scheme. The default is <see cref="MosaicSmsOtpColorScheme.Auto"/>: dark when the system is.</summary>
    public MosaicSmsOtpColorScheme ColorScheme { get; set; } = MosaicSmsOtpColorScheme.Auto;

    /// <summary>
    /// Gets or sets a component that wraps every page in the app's own layout (header, navigation, footer). It receives
    /// two parameters: <c>Body</c> (a <see cref="Microsoft.AspNetCore.Components.RenderFragment"/>, the page's
    /// <c>&lt;main&gt;</c>) and <c>Page</c> (the page's <see cref="Pages.SmsOtpPageModel"/>). The document around it
    /// (<c>&lt;head&gt;</c>, styles, language) stays the handler's. The default is null: the built-in header.
    /// </summary>
    public Type? Layout { get; set; }

    /// <summary>
    /// Gets or sets the component rendered in place of the phone-number page. It receives a <c>Model</c> parameter of
    /// type <see cref="Pages.SmsOtpPhonePageModel"/> and must post the same fields to <see cref="Pages.SmsOtpPhonePageModel.Action"/>.
    /// </summary>
    public Type? PhonePage { get; set; }

    /// <summary>
    /// Gets or sets the component rendered in place of the code page. It receives a <c>Model</c> parameter of type
    /// <see cref="Pages.SmsOtpCodePageModel"/> and must post the same fields to its actions.
    /// </summary>
    public Type? CodePage { get; set; }

    /// <summary>
    /// Gets or sets the component rendered in place of the message page (why the sign-in stopped, what to do next). It
    /// receives a <c>Model</c> parameter of type <see cref="Pages.SmsOtpMessagePageModel"/>.
    /// </summary>
    public Type? MessagePage { get; set; }

    /// <summary>
    /// Gets or sets a resource type of the app (a class beside its <c>.resx</c> files) whose strings replace the built-in
    /// ones with the same names, and whose cultures are added to the shipped ones. Strings it does not have come from
    /// the package. The default is null.
    /// </summary>
    public Type? StringResources { get; set; }

    /// <summary>
    /// Gets or sets whether the code page asks the browser for the code with WebOTP (<c>navigator.credentials.get</c>),
    /// a small script under a nonce that fills in and submits the code from an origin-bound SMS where the browser
    /// supports it. The page works without it. The default is true.
    /// </summary>
    public bool WebOtp { get; set; } = true;
}
