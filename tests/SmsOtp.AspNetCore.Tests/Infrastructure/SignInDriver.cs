using System.Net;

namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>Drives the built-in pages the way a person would, one step at a time.</summary>
internal static class SignInDriver
{
    public const string PhoneNumber = "+16175551212";

    /// <summary>Opens the protected page and follows the challenge to the phone page.</summary>
    public static async Task<string> OpenPhonePageAsync(this TestBrowser browser, string protectedPath = "/secure")
    {
        using var response = await browser.GetAsync(protectedPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MosaicSmsOtpDefaults.SignInPath, browser.CurrentUrl!.AbsolutePath);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts the phone number from the phone page; the response is not followed.</summary>
    public static async Task<HttpResponseMessage> SubmitPhoneAsync(this TestBrowser browser, string phonePageHtml, string phoneNumber = PhoneNumber, bool followRedirects = false)
        => await browser.PostFormAsync(
            MosaicSmsOtpDefaults.SignInPath,
            [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(phonePageHtml)), new("phone_number", phoneNumber)],
            followRedirects);

    /// <summary>Opens the code page of the current flow.</summary>
    public static async Task<string> OpenCodePageAsync(this TestBrowser browser)
    {
        using var response = await browser.GetAsync(MosaicSmsOtpDefaults.VerifyPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a code from the code page; the response is not followed unless asked.</summary>
    public static async Task<HttpResponseMessage> SubmitCodeAsync(this TestBrowser browser, string codePageHtml, string code, bool followRedirects = false)
        => await browser.PostFormAsync(
            MosaicSmsOtpDefaults.VerifyPath,
            [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(codePageHtml)), new("passcode", code)],
            followRedirects);

    /// <summary>The whole flow from the protected page to the code page: returns the code page's HTML.</summary>
    public static async Task<string> StartAndSendCodeAsync(this TestBrowser browser, string protectedPath = "/secure", string phoneNumber = PhoneNumber)
    {
        var phonePage = await browser.OpenPhonePageAsync(protectedPath);
        using var sent = await browser.SubmitPhoneAsync(phonePage, phoneNumber);
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(MosaicSmsOtpDefaults.VerifyPath, sent.Headers.Location!.OriginalString);
        return await browser.OpenCodePageAsync();
    }

    /// <summary>The whole sign-in: returns the response of the page finally landed on.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this TestBrowser browser, SmsOtpTestApp app, string protectedPath = "/secure", string phoneNumber = PhoneNumber)
    {
        var codePage = await browser.StartAndSendCodeAsync(protectedPath, phoneNumber);
        var code = app.Emulator.Outbox.GetLatest(phoneNumber)!.Code;
        return await browser.SubmitCodeAsync(codePage, code, followRedirects: true);
    }
}
