namespace SmsOtp.AspNetCore.Localization;

/// <summary>
/// The resource type of every sentence the pages show and the default SMS text: <c>Resources/Localization/SmsOtpStrings*.resx</c>,
/// one file per shipped culture. The key names are stable (apps override them by name).
/// </summary>
internal sealed class SmsOtpStrings
{
    /// <summary>The BCP 47 tag of the language a resource file is in: the page's <c>lang</c>.</summary>
    public const string LanguageTag = nameof(LanguageTag);

    /// <summary>The default SMS text, with <c>{otp}</c> and <c>{app}</c>.</summary>
    public const string SmsText = nameof(SmsText);

    /// <summary>The cultures the package ships text for.</summary>
    public static IReadOnlyList<string> ShippedCultures => MosaicSmsOtpDefaults.Cultures;
}
