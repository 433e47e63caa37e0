using System.Net;
using System.Text;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Security;

/// <summary>Checklist B-21 to B-24: phone numbers, codes and bodies are checked before anything reaches Mosaic.</summary>
public sealed class InputValidationTests
{
    [Theory]
    [InlineData("12345")]
    [InlineData("+12345")]
    [InlineData("+0 617 555 1212")]
    [InlineData("+1 617 FLOWERS")]
    [InlineData("+1234567890123456")]
    [InlineData("tel:+16175551212")]
    [InlineData("+1617\n5551212")]
    [InlineData("6175551212")]            // no '+' and no default region
    [InlineData("+1 617 555 1212;ext=1")]
    public async Task B21_A_malformed_phone_number_gets_400_with_a_field_error_and_no_call_to_Mosaic(string phoneNumber)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();

        using var sent = await browser.SubmitPhoneAsync(await browser.OpenPhonePageAsync(), phoneNumber);

        Assert.Equal(HttpStatusCode.BadRequest, sent.StatusCode);
        var page = await sent.Content.ReadAsStringAsync();
        Assert.Contains("id=\"phone_number_error\"", page, StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.TokenClientCredentials));
    }

    [Theory]
    [InlineData("+1 (617) 555-1212")]
    [InlineData("+1.617.555.1212")]
    [InlineData("+\u0661\u0666\u0661\u0667\u0665\u0665\u0665\u0661\u0662\u0661\u0662")]   // B-22: Arabic-Indic digits
    [InlineData("\uFF0B\uFF11\uFF16\uFF11\uFF17\uFF15\uFF15\uFF15\uFF11\uFF12\uFF11\uFF12")]   // B-22: full width
    public async Task B21_B22_A_number_is_normalised_to_ASCII_E164_before_it_is_sent_and_before_it_is_throttled(string typed)
    {
        MosaicWire wire = null!;
        await using var app = await SmsOtpTestApp.StartAsync(services: s => wire = MosaicWire.AddTo(s));
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var sent = await browser.SubmitPhoneAsync(phonePage, typed);
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        var send = System.Text.Json.JsonDocument.Parse(wire.Requests.Single(r => r.Path == "/cis/v1/auth/otp/sms").Body);
        Assert.Equal("+16175551212", send.RootElement.GetProperty("phone_number").GetString());

        // The canonical form shares one bucket with every other spelling of the number.
        using var again = await browser.SubmitPhoneAsync(phonePage, "+16175551212");
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal(1, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));

        // Control: the refusal is that number's bucket, not this browser's or this client's: another number still goes.
        using var other = await browser.SubmitPhoneAsync(phonePage, "+16175550000");
        Assert.Equal(HttpStatusCode.SeeOther, other.StatusCode);
        Assert.Equal(2, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Theory]
    [InlineData("\u0661\u0662\u0663\u0664\u0665\u0666")]   // Arabic-Indic
    [InlineData("\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16")]   // full width
    [InlineData("\u0967\u0968\u0969\u096A\u096B\u096C")]   // Devanagari
    public async Task B22_A_code_in_non_ASCII_digits_is_refused_without_calling_Mosaic(string code)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        using var refused = await browser.SubmitCodeAsync(codePage, code);

        // Refused as a code (the field's error), not by an earlier check of the post.
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"passcode_error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
    }

    [Fact]
    public async Task B23_A_body_over_the_limit_gets_413_and_sends_nothing()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();
        var token = TestBrowser.AntiforgeryToken(phonePage);

        using var big = await browser.PostFormAsync(MosaicSmsOtpDefaults.SignInPath, [new("__RequestVerificationToken", token), new("phone_number", SignInDriver.PhoneNumber), new("padding", new string('x', 10 * 1024))], followRedirects: false);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);

        // Chunked: no Content-Length, so the limit must hold while reading.
        var form = "__RequestVerificationToken=" + Uri.EscapeDataString(token) + "&phone_number=%2B16175551212&passcode=" + new string('1', 1024 * 1024);
        using var chunked = new HttpRequestMessage(HttpMethod.Post, new Uri(SmsOtpTestApp.AppBase, MosaicSmsOtpDefaults.SignInPath)) { Content = new StreamContent(new UnseekableStream(Encoding.ASCII.GetBytes(form))) };
        chunked.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        chunked.Headers.Add("Origin", "https://app.test");
        using var chunkedAnswer = await browser.SendAsync(chunked, followRedirects: false);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedAnswer.StatusCode);

        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task B23_A_megabyte_code_gets_413_and_is_not_checked()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        using var huge = await browser.SubmitCodeAsync(codePage, new string('1', 1024 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
    }

    [Theory]
    [InlineData("application/json", "{\"phone_number\":\"+16175551212\",\"a\":{\"b\":{\"c\":{\"d\":[[[[[]]]]]}}}}")]
    [InlineData("text/plain", "phone_number=+16175551212")]
    [InlineData("application/xml", "<phone_number>+16175551212</phone_number>")]
    public async Task B23_A_body_that_is_not_a_form_gets_415(string contentType, string body)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        await browser.OpenPhonePageAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(SmsOtpTestApp.AppBase, MosaicSmsOtpDefaults.SignInPath)) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("Origin", "https://app.test");
        using var answer = await browser.SendAsync(request, followRedirects: false);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.StatusCode);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task B23_Duplicate_phone_fields_are_refused_rather_than_one_being_picked()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var phonePage = await browser.OpenPhonePageAsync();

        using var sent = await browser.PostFormAsync(
            MosaicSmsOtpDefaults.SignInPath,
            [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(phonePage)), new("phone_number", SignInDriver.PhoneNumber), new("phone_number", "+16175550000")],
            followRedirects: false);

        // Two valid numbers, each of which alone would be sent to: refused at the phone field, not by an earlier check.
        Assert.Equal(HttpStatusCode.BadRequest, sent.StatusCode);
        Assert.Contains("id=\"phone_number_error\"", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Theory]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("123")]
    [InlineData("123456789")]
    [InlineData("12a456")]
    [InlineData("1e5")]
    public async Task B24_A_malformed_code_gets_400_without_calling_Mosaic(string code)
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        using var refused = await browser.SubmitCodeAsync(codePage, code);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"passcode_error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
    }

    [Fact]
    public async Task B24_Malformed_codes_count_toward_the_flows_attempts()
    {
        await using var app = await SmsOtpTestApp.StartAsync();
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        for (var i = 0; i < 5; i++)
        {
            using var malformed = await browser.SubmitCodeAsync(codePage, "NaN");
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }

        using var right = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal(0, app.Emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
    }

    [Theory]
    [InlineData("012345")]
    [InlineData(" 012 345 ")]   // pasted with spaces: separators are dropped, the digits kept as a string
    public async Task B24_Leading_zeros_are_kept_the_code_is_a_string(string typed)
    {
        MosaicWire wire = null!;
        await using var app = await SmsOtpTestApp.StartAsync(emulator: o => o.TestPhoneNumbers[SignInDriver.PhoneNumber] = "012345", services: s => wire = MosaicWire.AddTo(s));
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        using var accepted = await browser.SubmitCodeAsync(codePage, typed);

        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        var validate = System.Text.Json.JsonDocument.Parse(wire.Requests.Single(r => r.Path.EndsWith("/validation", StringComparison.Ordinal)).Body);
        Assert.Equal("012345", validate.RootElement.GetProperty("passcode").GetString());
    }

    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
