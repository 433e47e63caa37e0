using System.Text.RegularExpressions;

namespace SmsOtp.AspNetCore.Phone;

/// <summary>The one shape a phone number may have once normalised: <c>+</c>, a country calling code, at most 15 ASCII digits.</summary>
internal static partial class E164
{
    /// <summary>Gets a value indicating whether <paramref name="value"/> is an E.164 number written in ASCII digits only.</summary>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    // [0-9], not \d: .NET's \d matches every Unicode decimal digit, and only ASCII may leave this package.
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
