using System.Text.RegularExpressions;
using PhoneNumbers;
using SmsOtp.AspNetCore.Phone;
using SmsOtp.AspNetCore.Text;

namespace SmsOtp.AspNetCore.Tests.Phone;

public sealed class PhoneNumberNormalizerTests
{
    private static readonly PhoneNumberNormalizer Default = new(new MosaicSmsOtpPhoneNumberOptions());

    private static PhoneNumberNormalizer With(Action<MosaicSmsOtpPhoneNumberOptions> configure)
    {
        var options = new MosaicSmsOtpPhoneNumberOptions();
        configure(options);
        return new PhoneNumberNormalizer(options);
    }

    private static string Example(string region, PhoneNumberType type)
    {
        var util = PhoneNumberUtil.GetInstance();
        return util.Format(util.GetExampleNumberForType(region, type), PhoneNumberFormat.E164);
    }

    [Theory]
    [InlineData("+16175551212")]
    [InlineData("+1 617 555 1212")]
    [InlineData("+1-617-555-1212")]
    [InlineData("+1.617.555.1212")]
    [InlineData("+1 (617) 555-1212")]
    [InlineData("  +1 617 555 1212\t")]
    [InlineData("+1\u00A0617\u00A0555\u00A01212")] // no-break spaces, as pasted from documents
    [InlineData("+1 617 555\u20131212")]            // en dash
    [InlineData("\u202A+1 617-555-1212\u202C")]    // directional embedding, as phones copy contacts
    [InlineData("\u200E+16175551212")]              // left-to-right mark before the '+'
    [InlineData("\u202E+16175551212\u202C")]        // right-to-left override: dropped, the output is plain E.164
    public void Accepts_international_format_with_common_separators(string input)
    {
        var result = Default.Normalize(input);

        Assert.True(result.Succeeded);
        Assert.Equal("+16175551212", result.E164);
        Assert.Equal("US", result.Region);
        Assert.Null(result.MessageKey);
    }

    [Theory]
    [InlineData("+\u0661\u0666\u0661\u0667\u0665\u0665\u0665\u0661\u0662\u0661\u0662")]                     // Arabic-Indic
    [InlineData("+\u06F1\u06F6\u06F1\u06F7\u06F5\u06F5\u06F5\u06F1\u06F2\u06F1\u06F2")]                     // Extended Arabic-Indic (Persian)
    [InlineData("\uFF0B\uFF11\uFF16\uFF11\uFF17\uFF15\uFF15\uFF15\uFF11\uFF12\uFF11\uFF12")]                // full width, including the plus
    [InlineData("\uFF0B\uFF11\u3000\uFF08\uFF16\uFF11\uFF17\uFF09\u3000\uFF15\uFF15\uFF15\uFF0D\uFF11\uFF12\uFF11\uFF12")] // full-width separators
    [InlineData("+\u0967\u096C\u0967\u096D\u096B\u096B\u096B\u0967\u0968\u0967\u0968")]                     // Devanagari
    [InlineData("+\U0001D7CF\U0001D7D4\U0001D7CF\U0001D7D5\U0001D7D3\U0001D7D3\U0001D7D3\U0001D7CF\U0001D7D0\U0001D7CF\U0001D7D0")] // mathematical bold, outside the BMP
    [InlineData("+1 \u0666\u0661\u0667 555 \u0661\u0662\u0661\u0662")]                                      // mixed scripts
    public void Normalises_unicode_decimal_digits_to_ascii_e164(string input)
    {
        var result = Default.Normalize(input);

        Assert.True(result.Succeeded);
        Assert.Equal("+16175551212", result.E164);
        Assert.Matches(new Regex("^\\+[1-9][0-9]{6,14}$", RegexOptions.ECMAScript), result.E164);
    }

    [Theory]
    [InlineData("+\u00B9617555\u00B9\u00B2\u00B9\u00B2")] // superscript digits are not decimal digits
    [InlineData("+1617555\u2460\u2461\u2460\u2461")]       // circled digits
    [InlineData("+1617555\u216B12")]                       // Roman numeral twelve
    public void Refuses_digit_like_characters_that_are_not_decimal_digits(string input)
    {
        Assert.Equal(PhoneNumberError.NotANumber, Default.Normalize(input).Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void Missing_input_is_Missing(string? input)
    {
        Assert.Equal(PhoneNumberError.Missing, Default.Normalize(input).Error);
    }

    [Fact]
    public void Input_longer_than_the_limit_is_TooLong_even_if_it_would_parse()
    {
        var padded = "+1" + new string(' ', PhoneNumberNormalizer.MaxInputLength) + "6175551212";

        Assert.Equal(PhoneNumberError.TooLong, Default.Normalize(padded).Error);
        Assert.Equal(PhoneNumberError.TooLong, Default.Normalize(new string('1', 1_000_000)).Error);
    }

    [Fact]
    public void Input_at_the_limit_is_parsed()
    {
        var input = "+1 6 1 7 5 5 5 1 2 1 2".PadRight(PhoneNumberNormalizer.MaxInputLength, '-');
        Assert.Equal(PhoneNumberNormalizer.MaxInputLength, input.Length);

        Assert.Equal("+16175551212", Default.Normalize(input).E164);
    }

    [Theory]
    [InlineData("+1 617 FLOWERS")]          // vanity numbers: libphonenumber would turn letters into digits
    [InlineData("1-800-FLOWERS")]
    [InlineData("tel:+16175551212")]
    [InlineData("+1 617 555 1212 ext. 12")]
    [InlineData("+1 617 555 1212;ext=12")]
    [InlineData("+1617\n5551212")]          // embedded control characters
    [InlineData("+1617\u00005551212")]
    [InlineData("+1617\u200B5551212")]      // zero-width space (format character)
    [InlineData("+1617\uFEFF5551212")]      // byte-order mark
    [InlineData("+1617+5551212")]           // '+' in the middle
    [InlineData("++16175551212")]
    [InlineData("1+6175551212")]
    [InlineData("+1/617/555/1212")]
    [InlineData("+ - ( ) .")]               // separators but no digit
    [InlineData("+")]
    [InlineData("+1 617 555 1212 #")]
    public void Letters_symbols_controls_and_misplaced_plus_are_NotANumber(string input)
    {
        var result = Default.Normalize(input);

        Assert.Equal(PhoneNumberError.NotANumber, result.Error);
        Assert.Null(result.E164);
    }

    [Theory]
    [InlineData("+12345")]
    [InlineData("+0 617 555 1212")]
    [InlineData("+1 617 555 12121212")]       // too many digits
    [InlineData("+1234567890123456")]         // 16 digits, more than E.164 allows
    [InlineData("+1 111 555 1212")]           // no such US area code
    [InlineData("+999 1234 5678")]            // unassigned country calling code
    [InlineData("6175551212")]                // no '+', no default region
    [InlineData("0044 7400 123456")]          // international prefix needs a default region to be read
    public void Numbers_that_do_not_exist_are_InvalidNumber(string input)
    {
        Assert.Equal(PhoneNumberError.InvalidNumber, Default.Normalize(input).Error);
    }

    [Theory]
    [InlineData("(617) 555-1212", "+16175551212")]
    [InlineData("617.555.1212", "+16175551212")]
    [InlineData("1 617 555 1212", "+16175551212")]
    [InlineData("+44 7400 123456", "+447400123456")] // '+' still wins over the default region
    [InlineData("011 44 7400 123456", "+447400123456")] // the default region's international prefix
    public void Default_region_reads_numbers_without_a_country_code(string input, string expected)
    {
        var normalizer = With(o => o.DefaultRegion = "us");

        Assert.Equal(expected, normalizer.Normalize(input).E164);
    }

    [Fact]
    public void Allowed_regions_are_case_insensitive_and_refuse_other_regions()
    {
        var normalizer = With(o => o.AllowedRegions.Add("us"));

        Assert.True(normalizer.Normalize("+16175551212").Succeeded);

        var british = normalizer.Normalize(Example("GB", PhoneNumberType.MOBILE));
        Assert.Equal(PhoneNumberError.RegionNotAllowed, british.Error);
        Assert.Equal("GB", british.Region);
        Assert.Null(british.E164);

        // Canada shares +1 with the US: the region, not the calling code, decides.
        Assert.Equal(PhoneNumberError.RegionNotAllowed, normalizer.Normalize(Example("CA", PhoneNumberType.FIXED_LINE_OR_MOBILE)).Error);
    }

    [Fact]
    public void Empty_allowed_regions_allow_every_region()
    {
        Assert.True(Default.Normalize(Example("GB", PhoneNumberType.MOBILE)).Succeeded);
        Assert.True(Default.Normalize(Example("DE", PhoneNumberType.MOBILE)).Succeeded);
        Assert.True(Default.Normalize(Example("IN", PhoneNumberType.MOBILE)).Succeeded);
    }

    // The first region, alphabetically, whose metadata has an example of the type: not every plan has every type.
    private static (string Region, string E164) AnyExample(PhoneNumberType type)
    {
        var util = PhoneNumberUtil.GetInstance();
        var region = util.GetSupportedRegions().Order(StringComparer.Ordinal).First(r => util.GetExampleNumberForType(r, type) is not null);
        return (region, Example(region, type));
    }

    [Theory]
    [InlineData(PhoneNumberType.FIXED_LINE)]
    [InlineData(PhoneNumberType.PREMIUM_RATE)]
    [InlineData(PhoneNumberType.SHARED_COST)]
    [InlineData(PhoneNumberType.VOIP)]
    [InlineData(PhoneNumberType.TOLL_FREE)]
    [InlineData(PhoneNumberType.UAN)]
    [InlineData(PhoneNumberType.VOICEMAIL)]
    [InlineData(PhoneNumberType.PAGER)]
    public void Numbers_that_cannot_receive_sms_are_refused_by_default(PhoneNumberType type)
    {
        var (region, e164) = AnyExample(type);

        var result = Default.Normalize(e164);

        Assert.Equal(PhoneNumberError.CannotReceiveSms, result.Error);
        Assert.Equal(region, result.Region);
        Assert.Null(result.E164);
    }

    [Theory]
    [InlineData("GB", PhoneNumberType.MOBILE)]
    [InlineData("US", PhoneNumberType.FIXED_LINE_OR_MOBILE)] // the US plan cannot tell them apart
    public void Mobile_and_possibly_mobile_numbers_pass(string region, PhoneNumberType type)
    {
        Assert.True(Default.Normalize(Example(region, type)).Succeeded);
    }

    [Fact]
    public void Numbers_that_cannot_receive_sms_pass_when_the_check_is_off()
    {
        var normalizer = With(o => o.RejectNumbersThatCannotReceiveSms = false);

        Assert.True(normalizer.Normalize(Example("GB", PhoneNumberType.FIXED_LINE)).Succeeded);
        Assert.True(normalizer.Normalize(Example("GB", PhoneNumberType.VOIP)).Succeeded);
    }

    [Fact]
    public void Options_are_read_once_at_construction()
    {
        var options = new MosaicSmsOtpPhoneNumberOptions();
        var normalizer = new PhoneNumberNormalizer(options);

        options.AllowedRegions.Add("DE");

        Assert.True(normalizer.Normalize("+16175551212").Succeeded);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("USA")]
    [InlineData("")]
    public void Unknown_default_region_is_refused_at_construction_naming_the_option(string region)
    {
        var options = new MosaicSmsOtpPhoneNumberOptions { DefaultRegion = region };

        var exception = Assert.Throws<ArgumentException>(() => new PhoneNumberNormalizer(options));
        Assert.Contains(nameof(MosaicSmsOtpPhoneNumberOptions.DefaultRegion), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_allowed_region_is_refused_at_construction_naming_the_option()
    {
        var options = new MosaicSmsOtpPhoneNumberOptions();
        options.AllowedRegions.Add("USA");

        var exception = Assert.Throws<ArgumentException>(() => new PhoneNumberNormalizer(options));
        Assert.Contains(nameof(MosaicSmsOtpPhoneNumberOptions.AllowedRegions), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_geographic_numbers_can_be_allowed_with_region_001()
    {
        var util = PhoneNumberUtil.GetInstance();
        var freephone = util.Format(util.GetExampleNumberForNonGeoEntity(800), PhoneNumberFormat.E164); // +800, toll free

        var usOnly = With(o => { o.AllowedRegions.Add("US"); o.RejectNumbersThatCannotReceiveSms = false; });
        var nonGeographic = With(o => { o.AllowedRegions.Add("001"); o.RejectNumbersThatCannotReceiveSms = false; });

        Assert.Equal(PhoneNumberError.RegionNotAllowed, usOnly.Normalize(freephone).Error);
        var result = nonGeographic.Normalize(freephone);
        Assert.True(result.Succeeded);
        Assert.Equal("001", result.Region);
    }

    [Fact]
    public void Every_error_has_a_user_message_that_does_not_echo_the_input()
    {
        const string input = "+1 617 FLOWERS";
        foreach (var error in Enum.GetValues<PhoneNumberError>().Where(e => e != PhoneNumberError.None))
        {
            var message = SmsOtpMessageResolver.Default[new PhoneNumberResult(null, error).MessageKey!];

            Assert.False(string.IsNullOrWhiteSpace(message));
            Assert.EndsWith(".", message, StringComparison.Ordinal);
            Assert.DoesNotContain(input, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Concurrent_use_gives_the_same_answers()
    {
        var inputs = new[] { "+1 617 555 1212", "+\u0661\u0666\u0661\u0667\u0665\u0665\u0665\u0661\u0662\u0661\u0662", "nope", Example("GB", PhoneNumberType.MOBILE) };
        var expected = inputs.Select(i => Default.Normalize(i)).ToArray();

        Parallel.For(0, 2_000, i => Assert.Equal(expected[i % inputs.Length], Default.Normalize(inputs[i % inputs.Length])));
    }
}
