using PhoneNumbers;

namespace SmsOtp.AspNetCore.Phone;

/// <summary>The country calling code of an E.164 number (<c>+16175551212</c> → <c>1</c>): the most a metric may say about a number.</summary>
internal static class CountryCallingCode
{
    /// <summary>The tag value for a number whose code is not assigned (or that is not E.164).</summary>
    public const string Unknown = "unknown";

    /// <summary>The code's digits, or <see langword="null"/> when the number does not start with an assigned code.</summary>
    public static string? Of(string e164)
    {
        var length = LengthOf(e164);
        return length == 0 ? null : e164.Substring(1, length);
    }

    /// <summary>The code's digits, or <see cref="Unknown"/>.</summary>
    public static string TagOf(string? e164) => e164 is not null && Of(e164) is { } code ? code : Unknown;

    /// <summary>How many digits after the <c>+</c> are the country calling code; 0 when none is assigned.</summary>
    public static int LengthOf(string e164)
    {
        if (!E164.IsValid(e164))
        {
            return 0;
        }

        // Country calling codes are prefix-free (ITU E.164), so the first 1-3 digit prefix that is assigned is the code.
        var util = PhoneNumberUtil.GetInstance();
        var code = 0;
        for (var length = 1; length <= 3; length++)
        {
            code = (code * 10) + (e164[length] - '0');
            if (util.GetRegionCodeForCountryCode(code) != "ZZ")
            {
                return length;
            }
        }

        return 0;
    }
}
