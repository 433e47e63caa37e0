using Microsoft.Extensions.Localization;

namespace SmsOtp.AspNetCore.Pages;

/// <summary>What every page knows: its title, the app's branding, the language it is shown in and its text.</summary>
public abstract class SmsOtpPageModel
{
    /// <summary>Gets the page's heading, in the page's language.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the document title: the heading, then the app's name when there is one ("Enter your code · Contoso").</summary>
    public string DocumentTitle => DisplayName is null ? Title : Title + " · " + DisplayName;

    /// <summary>Gets the app's name (<see cref="MosaicSmsOtpPagesOptions.DisplayName"/>), or null.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Gets the URL of the app's logo (<see cref="MosaicSmsOtpPagesOptions.LogoUrl"/>), or null.</summary>
    public string? LogoUrl { get; init; }

    /// <summary>Gets where the header's home link goes (<see cref="MosaicSmsOtpPagesOptions.HomeUrl"/>), or null.</summary>
    public string? HomeUrl { get; init; }

    /// <summary>Gets the BCP 47 tag of the language the text is in (the page's <c>lang</c>), for example <c>fr</c> or <c>ar</c>.</summary>
    public required string Language { get; init; }

    /// <summary>Gets whether that language is written right to left.</summary>
    public bool IsRightToLeft { get; init; }

    /// <summary>Gets the page's <c>dir</c>: <c>rtl</c> or <c>ltr</c>.</summary>
    public string Direction => IsRightToLeft ? "rtl" : "ltr";

    /// <summary>
    /// Gets the pages' strings in the request's culture (the app's <see cref="MosaicSmsOtpPagesOptions.StringResources"/>
    /// first, then the package's), for a replacement component that shows the built-in wording.
    /// </summary>
    public required IStringLocalizer Strings { get; init; }

    /// <summary>Gets the nonce the page's Content-Security-Policy allows scripts with, for a replacement component's own script.</summary>
    public required string ScriptNonce { get; init; }
}
