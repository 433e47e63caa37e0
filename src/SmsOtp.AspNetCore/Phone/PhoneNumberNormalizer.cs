using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using PhoneNumbers;

namespace SmsOtp.AspNetCore.Phone;

/// <summary>
/// Turns what a user typed into a canonical E.164 number, or says why it cannot be used.
/// Rate-limit keys and Mosaic calls use only this canonical form, so <c>+1 617-555-1212</c> and <c>+16175551212</c>
/// are the same number everywhere. Thread-safe; the options are read once, at construction.
/// </summary>
internal sealed class PhoneNumberNormalizer
{
    /// <summary>The longest input accepted, after trimming: 15 digits with generous separators fit easily.</summary>
    internal const int MaxInputLength = 32;

    // PhoneNumberUtil is a thread-safe singleton that loads its metadata once.
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    // GetSupportedRegions builds a new set of ~245 regions on every call: read it once.
    private static readonly FrozenSet<string> SupportedRegions = Util.GetSupportedRegions().ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<PhoneNumberType> TypesThatCannotReceiveSms = new[]
    {
        PhoneNumberType.FIXED_LINE,
        PhoneNumberType.PREMIUM_RATE,
        PhoneNumberType.SHARED_COST,
        PhoneNumberType.VOIP,
        PhoneNumberType.TOLL_FREE,
        PhoneNumberType.UAN,
        PhoneNumberType.VOICEMAIL,
        PhoneNumberType.PAGER,
    }.ToFrozenSet();

    // libphonenumber's code for non-geographic numbers (+800, +882, ...), which are not in its supported regions.
    private const string NonGeographicRegion = "001";

    private readonly string? _defaultRegion;
    private readonly FrozenSet<string>? _allowedRegions;
    private readonly bool _rejectNumbersThatCannotReceiveSms;

    /// <summary>Creates a normalizer from a snapshot of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">A region in the options is not a region code libphonenumber knows.</exception>
    public PhoneNumberNormalizer(MosaicSmsOtpPhoneNumberOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var supported = SupportedRegions;
        if (options.DefaultRegion is { } defaultRegion)
        {
            _defaultRegion = defaultRegion.ToUpperInvariant();
            if (!supported.Contains(_defaultRegion))
            {
                throw new ArgumentException(
                    $"{nameof(MosaicSmsOtpPhoneNumberOptions)}.{nameof(MosaicSmsOtpPhoneNumberOptions.DefaultRegion)} must be an ISO 3166-1 alpha-2 region code such as \"US\", or null to require '+' and a country code; \"{defaultRegion}\" is not a known region.",
                    nameof(options));
            }
        }

        if (options.AllowedRegions.Count > 0)
        {
            foreach (var region in options.AllowedRegions)
            {
                var upper = region?.ToUpperInvariant();
                if (upper is null || (!supported.Contains(upper) && upper != NonGeographicRegion))
                {
                    throw new ArgumentException(
                        $"{nameof(MosaicSmsOtpPhoneNumberOptions)}.{nameof(MosaicSmsOtpPhoneNumberOptions.AllowedRegions)} must hold ISO 3166-1 alpha-2 region codes such as \"US\" (or \"001\" for non-geographic numbers); \"{region}\" is not a known region.",
                        nameof(options));
                }
            }

            _allowedRegions = options.AllowedRegions.Select(r => r.ToUpperInvariant()).ToFrozenSet(StringComparer.Ordinal);
        }

        _rejectNumbersThatCannotReceiveSms = options.RejectNumbersThatCannotReceiveSms;
    }

    /// <summary>Normalises <paramref name="input"/> to E.164, or returns why it cannot be used.</summary>
    public PhoneNumberResult Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return PhoneNumberResult.Failure(PhoneNumberError.Missing);
        }

        var trimmed = input.AsSpan().Trim();
        if (trimmed.Length > MaxInputLength)
        {
            return PhoneNumberResult.Failure(PhoneNumberError.TooLong);
        }

        Span<char> buffer = stackalloc char[MaxInputLength];
        if (!TryReduceToAsciiDigits(trimmed, buffer, out var written))
        {
            return PhoneNumberResult.Failure(PhoneNumberError.NotANumber);
        }

        var digits = buffer[..written];
        if (digits[0] != '+' && _defaultRegion is null)
        {
            return PhoneNumberResult.Failure(PhoneNumberError.InvalidNumber);
        }

        PhoneNumber number;
        try
        {
            // Only '+' and ASCII digits reach the parser, so it cannot fall back to its lenient handling of letters,
            // "tel:" URIs or extensions.
            number = Util.Parse(digits.ToString(), _defaultRegion ?? "ZZ");
        }
        catch (NumberParseException)
        {
            return PhoneNumberResult.Failure(PhoneNumberError.InvalidNumber);
        }

        if (!Util.IsValidNumber(number))
        {
            return PhoneNumberResult.Failure(PhoneNumberError.InvalidNumber);
        }

        var region = Util.GetRegionCodeForNumber(number);
        if (_allowedRegions is not null && (region is null || !_allowedRegions.Contains(region)))
        {
            return PhoneNumberResult.Failure(PhoneNumberError.RegionNotAllowed, region);
        }

        if (_rejectNumbersThatCannotReceiveSms && TypesThatCannotReceiveSms.Contains(Util.GetNumberType(number)))
        {
            return PhoneNumberResult.Failure(PhoneNumberError.CannotReceiveSms, region);
        }

        var e164 = Util.Format(number, PhoneNumberFormat.E164);

        // Belt and braces: whatever the metadata says, nothing but ASCII E.164 leaves this method.
        return E164.IsValid(e164)
            ? PhoneNumberResult.Success(e164, region)
            : PhoneNumberResult.Failure(PhoneNumberError.InvalidNumber);
    }

    /// <summary>
    /// Copies <paramref name="input"/> to <paramref name="output"/> as an optional leading <c>+</c> followed by ASCII digits,
    /// dropping separators. Returns <see langword="false"/> for anything else: letters, symbols, control and format
    /// characters (zero-width spaces, line breaks), a <c>+</c> that is not first, or no digit at all. Directional marks are
    /// dropped.
    /// </summary>
    /// <remarks>
    /// Decision on non-ASCII digits: every Unicode decimal digit (category Nd: Arabic-Indic <c>٠١٢</c>, Persian
    /// <c>۰۱۲</c>, Devanagari, full-width <c>０１２</c>, even supplementary-plane digits) is converted to its ASCII value,
    /// and the full-width plus <c>＋</c> to <c>+</c>. People type numbers with their own keyboards, Nd digits are
    /// unambiguous decimal digits, and the conversion happens before parsing, validation and rate-limit keying, so only
    /// ASCII ever reaches libphonenumber, the throttle or Mosaic. Digit-like characters that are not Nd (superscripts
    /// <c>¹</c>, circled <c>①</c>, fractions, Roman numerals) are refused.
    /// </remarks>
    private static bool TryReduceToAsciiDigits(ReadOnlySpan<char> input, Span<char> output, out int written)
    {
        written = 0;
        var digitCount = 0;
        var first = true;
        foreach (var rune in input.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.DecimalDigitNumber)
            {
                output[written++] = (char)('0' + (int)Rune.GetNumericValue(rune));
                digitCount++;
            }
            else if (rune.Value is '+' or '\uFF0B')
            {
                if (!first)
                {
                    return false;
                }

                output[written++] = '+';
            }
            else if (IsDirectionalMark(rune))
            {
                // Invisible and dropped: it does not make a later '+' "not first".
                continue;
            }
            else if (!IsSeparator(rune, category))
            {
                return false;
            }

            first = false;
        }

        return digitCount > 0;
    }

    // Phones and messaging apps wrap copied numbers in directional marks (U+202A ... U+202C) so they render left to right
    // in right-to-left text. They are dropped, never copied, so they cannot reach the output; every other control or
    // format character (line breaks, NUL, zero-width spaces, byte-order marks) is refused.
    private static bool IsDirectionalMark(Rune rune) =>
        rune.Value is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    // Spaces (including no-break and ideographic), dashes of every kind, dots and parentheses, in ASCII or full width.
    private static bool IsSeparator(Rune rune, UnicodeCategory category) =>
        category is UnicodeCategory.SpaceSeparator or UnicodeCategory.DashPunctuation
        || rune.Value is '.' or '(' or ')' or '\uFF0E' or '\uFF08' or '\uFF09';
}
