using System.Net;
using SmsOtp.AspNetCore.Tests.Infrastructure;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Throttling;

/// <summary>
/// How many throttle-store calls (Redis round trips, with the Redis store) each step of a sign-in makes (issue #13):
/// each throttle decision is one, and reads the tenant's code policy (B-36) with it; recording what Mosaic answered adds one or two.
/// </summary>
public sealed class StoreCallsPerSignInTests
{
    [Fact]
    public async Task A_sign_in_makes_seven_store_calls()
    {
        var (app, store) = await StartCountingAsync();
        await using var _ = app;
        var browser = app.CreateBrowser();
        var steps = new List<int>();
        var before = 0;
        void Step()
        {
            steps.Add(store.Calls - before);
            before = store.Calls;
        }

        var phonePage = await browser.OpenPhonePageAsync();
        before = store.Calls;
        using (var sent = await browser.SubmitPhoneAsync(phonePage))
        {
            Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        }

        Step();
        var codePage = await browser.OpenCodePageAsync();
        Step();
        using var toMosaic = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code);
        Step();
        using var landed = await browser.GetAsync(toMosaic.Headers.Location!.AbsoluteUri, followRedirects: true);
        Step();

        Assert.Equal("minimal:" + SignInDriver.PhoneNumber, await landed.Content.ReadAsStringAsync());
        Assert.Equal(
            [
                3, // send: the send's reservation; after Mosaic answered, the policy's read of the old code and the new code
                1, // code page: attempts left and the resend wait, the policy's and the throttle's counters together
                2, // code POST: the attempt's reservation, which reads the policy's state; the right code and the attempt settled together
                1, // callback: the flow recorded as spent (B-40)
            ],
            steps);
    }

    [Fact]
    public async Task A_wrong_code_makes_three_store_calls()
    {
        var (app, store) = await StartCountingAsync();
        await using var _ = app;
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        var before = store.Calls;

        using var wrong = await browser.SubmitCodeAsync(codePage, "000000");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        // The attempt's reservation with the policy's state, the policy's failure, the code page's hints.
        Assert.Equal(3, store.Calls - before);
    }

    // The app, with its throttle store counted (the in-memory one, on the app's clock).
    private static async Task<(SmsOtpTestApp App, CountingStore Store)> StartCountingAsync()
    {
        CountingStore? store = null;
        var app = await SmsOtpTestApp.StartAsync(services: s => s.AddSingleton<ISmsOtpThrottleStore>(sp =>
            store = new CountingStore(new MemorySmsOtpThrottleStore(sp.GetRequiredService<TimeProvider>()))));
        return (app, store ?? throw new InvalidOperationException("The app started without resolving its throttle store."));
    }
}
