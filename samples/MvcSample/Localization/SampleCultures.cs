using System.Globalization;
using Microsoft.AspNetCore.Localization;
using SmsOtp.AspNetCore;

namespace MvcSample.Localization;

/// <summary>
/// The languages the sample offers: every culture the sign-in pages ship text for, chosen with the language picker
/// (a cookie), else the browser's Accept-Language, else English.
/// </summary>
internal static class SampleCultures
{
    public static IReadOnlyList<CultureInfo> All { get; } = MosaicSmsOtpDefaults.Cultures.Select(CultureInfo.GetCultureInfo).ToArray();

    public static void Configure(RequestLocalizationOptions options)
    {
        options.DefaultRequestCulture = new RequestCulture("en");
        options.SupportedCultures = [.. All];
        options.SupportedUICultures = [.. All];
        // Parent cultures match too: Accept-Language "fr-CA" shows French, "zh-CN" Simplified Chinese.
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
    }

    /// <summary>A language's name in itself ("Français", "العربية"), as a picker shows it.</summary>
    public static string NativeName(CultureInfo culture) => culture.TextInfo.ToTitleCase(culture.NativeName);
}
