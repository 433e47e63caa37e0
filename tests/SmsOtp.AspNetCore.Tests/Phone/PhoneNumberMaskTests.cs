using SmsOtp.AspNetCore.Phone;

namespace SmsOtp.AspNetCore.Tests.Phone;

public sealed class PhoneNumberMaskTests
{
    [Theory]
    [InlineData("+16175551212", "+1******1212")]
    [InlineData("+447400123456", "+44******3456")]
    [InlineData("+4915123456789", "+49*******6789")]
    [InlineData("+35312345678", "+353****5678")]
    public void Keeps_the_country_code_and_the_last_four_digits(string e164, string expected)
    {
        Assert.Equal(expected, PhoneNumberMask.Mask(e164));
    }

    [Theory]
    [InlineData("+2901234", "+290****")]   // Saint Helena: a four-digit national number is hidden entirely
    [InlineData("+68212345", "+682****5")] // Cook Islands: five digits, one shown
    public void Short_national_numbers_always_hide_at_least_four_digits(string e164, string expected)
    {
        Assert.Equal(expected, PhoneNumberMask.Mask(e164));
    }

    [Fact]
    public void Unassigned_country_code_is_hidden_too()
    {
        Assert.Equal("+******4567", PhoneNumberMask.Mask("+9991234567"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("6175551212")]
    [InlineData("+1 617 555 1212")]
    [InlineData("+\u0661\u0666\u0661\u0667\u0665\u0665\u0665\u0661\u0662\u0661\u0662")]
    [InlineData("secret")]
    public void Anything_that_is_not_e164_is_not_echoed(string input)
    {
        Assert.Equal("***", PhoneNumberMask.Mask(input));
    }
}
