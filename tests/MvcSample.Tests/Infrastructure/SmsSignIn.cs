namespace MvcSample.Tests.Infrastructure;

/// <summary>The whole SMS sign-in through the sample, as a visitor does it: the code comes from the emulator's outbox.</summary>
internal static class SmsSignIn
{
    /// <summary>Opens <paramref name="startAt"/>, is challenged, sends a code and types it; returns the page landed on.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this Visitor visitor, SampleFactory factory, string phoneNumber, string startAt = "/profile")
    {
        var phonePage = await visitor.GetStringAsync(startAt);
        var codePage = await visitor.SendCodeAsync(phonePage, phoneNumber);
        var sms = await factory.WaitForSmsAsync(phoneNumber);
        return await visitor.PostFormAsync(
            "/signin-sms/verify", (Antiforgery.FieldName, Antiforgery.TokenFrom(codePage)), ("passcode", sms.Code));
    }

    /// <summary>Submits the phone page's form and returns the code page it leads to.</summary>
    public static async Task<string> SendCodeAsync(this Visitor visitor, string phonePage, string phoneNumber)
    {
        using var response = await visitor.PostFormAsync(
            "/signin-sms", (Antiforgery.FieldName, Antiforgery.TokenFrom(phonePage)), ("phone_number", phoneNumber));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/signin-sms/verify", visitor.CurrentUrl?.AbsolutePath);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The SMS sent to <paramref name="phoneNumber"/>: awaited on the outbox's signal, never polled.</summary>
    public static async Task<SmsOtp.AspNetCore.Testing.MosaicEmulatorSms> WaitForSmsAsync(this SampleFactory factory, string phoneNumber)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await factory.Outbox.WaitForMessageAsync(phoneNumber, timeout.Token);
    }
}
