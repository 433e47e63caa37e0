using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Localization;
using SmsOtp.AspNetCore.Sms;

namespace SmsOtp.AspNetCore.Tests.Localization;

/// <summary>Every shipped culture has every string, with the same placeholders as English, and an SMS text that fits.</summary>
public sealed partial class ShippedStringsTests
{
    private static readonly IStringLocalizer Strings =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "SomewhereElse" }), NullLoggerFactory.Instance).Create(typeof(SmsOtpStrings));

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Culture_has_every_string_of_English_with_the_same_placeholders_and_names_itself(string culture)
    {
        var english = InCulture("en", () => Strings.GetAllStrings(includeParentCultures: true).ToDictionary(s => s.Name, s => s.Value));
        var own = InCulture(culture, () => Strings.GetAllStrings(includeParentCultures: culture == "en").ToDictionary(s => s.Name, s => s.Value));

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), own.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in english)
        {
            Assert.True(Placeholders(text).SequenceEqual(Placeholders(own[key])), $"{culture} {key}: '{own[key]}' has other placeholders than '{text}'.");
            Assert.False(string.IsNullOrWhiteSpace(own[key]), $"{culture} {key} is empty.");
        }

        Assert.Equal(culture, own[SmsOtpStrings.LanguageTag]);
        Assert.Equal(LocalizedAppStart.CultureNames, SmsOtpStrings.ShippedCultures);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Default_SMS_text_keeps_both_placeholders_and_fits_140_characters_with_the_origin_bound_line(string culture)
    {
        var text = InCulture(culture, () => Strings[SmsOtpStrings.SmsText].Value);

        Assert.Contains("{otp}", text, StringComparison.Ordinal);
        Assert.Contains("{app}", text, StringComparison.Ordinal);
        // Room left for a 40-character host: "@" + host + " #{otp}" after a blank line.
        var withLine = OriginBoundLine.AppendTo(text, new Uri("https://" + new string('a', 36) + ".com/"));
        Assert.True(withLine.Length <= OriginBoundLine.MaxMessageLength, $"{culture}: {withLine.Length} characters.");
        Assert.EndsWith("\n@" + new string('a', 36) + ".com #{otp}", withLine, StringComparison.Ordinal);
    }

    public static TheoryData<string> Cultures => LocalizedAppStart.ShippedCultures;

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var saved = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    private static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"\{[a-z0-9]+\}")]
    private static partial Regex Placeholder();
}
