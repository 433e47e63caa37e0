namespace SmsOtp.AspNetCore.Phone;

/// <summary>The one shape a phone number may have once normalised: <c>+</c>, a country calling code, at most 15 ASCII digits.</summary>
internal static class E164
{
    /// <summary>Gets a value indicating whether <paramref name="value"/> is an E.164 number written in ASCII digits only.</summary>
    /// <remarks>
    /// <c>^\+[1-9][0-9]{6,14}$</c> as a loop: it runs on every throttle decision, where a regex pays for its match timeout.
    /// ASCII digits only, not <see cref="char.IsDigit(char)"/>: that accepts every Unicode decimal digit, and only ASCII
    /// may leave this package.
    /// </remarks>
    public static bool IsValid(string? value)
    {
        if (value is not { Length: >= 8 and <= 16 } || value[0] != '+' || value[1] == '0')
        {
            return false;
        }

        foreach (var c in value.AsSpan(1))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
