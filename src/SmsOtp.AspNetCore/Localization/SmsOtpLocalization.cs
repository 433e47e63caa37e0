using System.Globalization;
using Microsoft.Extensions.Localization;

namespace SmsOtp.AspNetCore.Localization;

/// <summary>
/// Where the handler's words come from: the package's resources, overridden by the app's, in the request's UI culture.
/// Localizers are cached by the factory; this only combines them.
/// </summary>
internal sealed class SmsOtpLocalization(IStringLocalizerFactory factory)
{
    private readonly IStringLocalizer _package = factory.Create(typeof(SmsOtpStrings));

    /// <summary>The strings for a scheme's pages, in the current UI culture.</summary>
    public IStringLocalizer For(MosaicSmsOtpPagesOptions pages)
        => new SmsOtpStringLocalizer(pages.StringResources is { } type ? factory.Create(type) : null, _package);

    /// <summary>The language the strings are in (their <see cref="SmsOtpStrings.LanguageTag"/>) and whether it reads right to left.</summary>
    public static (string Tag, bool RightToLeft) LanguageOf(IStringLocalizer strings)
    {
        var tag = strings[SmsOtpStrings.LanguageTag] is { ResourceNotFound: false, Value.Length: > 0 } found ? found.Value : "en";
        try
        {
            return (tag, CultureInfo.GetCultureInfo(tag).TextInfo.IsRightToLeft);
        }
        catch (CultureNotFoundException)
        {
            return (tag, false);
        }
    }
}
