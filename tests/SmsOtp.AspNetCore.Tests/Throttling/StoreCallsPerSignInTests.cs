using System.Net;
using SmsOtp.AspNetCore.Tests.Infrastructure;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Throttling;

/// <summary>
/// How many throttle-store calls (Redis round trips, with the Redis store) each step of a sign-in makes (issue #13):
/// each throttle decision is one, and the tenant's code policy (B-36) adds its own.
/// </summary>
public sealed class StoreCallsPerSignInTests
{
    [Fact]
    public async Task A_sign_in_makes_ten_store_calls_and_the_code_page_one()
    {
        CountingStore store = null!;
        await using var app = await SmsOtpTestApp.StartAsync(services: s => s.AddSingleton<ISmsOtpThrottleStore>(sp =>
            store = new CountingStore(new MemorySmsOtpThrottleStore(sp.GetRequiredService<TimeProvider>()))));
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
                4, // send: the send's reservation; the code policy's read of the old code, its clearing, the new code
                1, // code page: attempts left and the resend wait, the policy's and the throttle's counters together
                4, // code POST: the policy's read, the attempt's reservation, the policy's right code, the attempt settled
                1, // callback: the flow recorded as spent (B-40)
            ],
            steps);
    }
}
