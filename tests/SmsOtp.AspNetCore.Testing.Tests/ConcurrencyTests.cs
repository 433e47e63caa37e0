using System.Net;
using SmsOtp.AspNetCore.Testing.Tests.Support;

namespace SmsOtp.AspNetCore.Testing.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Two_hundred_parallel_send_and_validate_flows_all_succeed_with_their_own_codes()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            var phone = "+1617600" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            using var send = await api.SendAsync(token, phone);
            var sms = await emulator.Outbox.WaitForMessageAsync(phone, TestContext.Current);
            using var validate = await api.ValidateAsync(token, phone, sms.Code);
            return (send.StatusCode, validate.StatusCode, sms.PhoneNumber);
        }));

        Assert.All(results, result => Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (result.Item1, result.Item2)));
        // Each number got exactly one SMS, so each right code above was its own, and another's is refused.
        Assert.All(results, result => Assert.Single(emulator.Outbox.GetMessages(result.PhoneNumber)));
        Assert.Equal(200, emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
        Assert.Equal(200, emulator.Counters.Get(MosaicEmulatorEndpoint.ValidateSms));
    }
}
