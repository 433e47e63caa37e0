using System.Text;
using System.Text.RegularExpressions;

namespace SmsOtp.AspNetCore.Pages;

/// <summary>
/// The app's <see cref="MosaicSmsOtpPagesOptions.CssVariables"/>: which names and values are allowed (checked at
/// start-up, so nothing can close the style element or add a rule), and the one <c>:root</c> rule they become.
/// </summary>
internal static partial class SmsOtpCssVariables
{
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public static bool IsValidValue(string value) => ValuePattern().IsMatch(value);

    /// <summary>The rule (specific enough to win over both schemes), or null when the app set none; built from validated options only.</summary>
    public static string? RuleFor(MosaicSmsOtpPagesOptions options)
    {
        if (options.CssVariables.Count == 0)
        {
            return null;
        }

        var rule = new StringBuilder(":root:root:root{");
        foreach (var (name, value) in options.CssVariables)
        {
            if (IsValidName(name) && IsValidValue(value))
            {
                rule.Append(name).Append(':').Append(value).Append(';');
            }
        }

        return rule.Append('}').ToString();
    }

    [GeneratedRegex("^--smsotp-[a-z][a-z0-9-]{0,40}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9 #%.,()-]{1,100}$")]
    private static partial Regex ValuePattern();
}
