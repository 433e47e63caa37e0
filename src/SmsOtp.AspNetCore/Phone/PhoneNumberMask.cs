namespace SmsOtp.AspNetCore.Phone;

/// <summary>
/// Hides most of a phone number so it can appear in logs and on the code page (<c>+16175551212</c> becomes
/// <c>+1******1212</c>) without disclosing the number.
/// </summary>
internal static class PhoneNumberMask
{
    private const string Unmaskable = "***";

    // At least this many digits of the national number are always hidden, so short numbers are never shown in full.
    private const int MinimumHiddenDigits = 4;
    private const int MaximumVisibleDigits = 4;

    /// <summary>
    /// Keeps the <c>+</c>, the country calling code and up to the last four digits, hiding the rest one <c>*</c> per digit.
    /// Anything that is not an E.164 number comes back as <c>***</c>: the input is never echoed.
    /// </summary>
    public static string Mask(string e164)
    {
        if (!E164.IsValid(e164))
        {
            return Unmaskable;
        }

        // An unassigned code (length 0) is hidden too rather than guessed.
        var countryCodeLength = CountryCallingCode.LengthOf(e164);
        var nationalLength = e164.Length - 1 - countryCodeLength;
        var visible = Math.Clamp(nationalLength - MinimumHiddenDigits, 0, MaximumVisibleDigits);
        var hidden = nationalLength - visible;
        return string.Concat(e164.AsSpan(0, 1 + countryCodeLength), new string('*', hidden), e164.AsSpan(e164.Length - visible));
    }
}
