using System.Net;
using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Testing.Tests.Support;

namespace SmsOtp.AspNetCore.Testing.Tests;

public sealed class ValidateSmsTests
{
    private const string Phone = "+16175552000";
    private const string InvalidOtp = """{"message":"Invalid phone number or passcode","error_code":400,"error_type":"invalid_otp"}""";

    [Fact]
    public async Task Correct_code_returns_a_result_uri_with_client_id_and_login_ticket()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, Phone)).EnsureSuccessStatusCode();

        using var response = await api.ValidateAsync(token, Phone, emulator.Outbox.GetLatest(Phone)!.Code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = new Uri((await MosaicApi.ReadJsonAsync(response))["result"]!.GetValue<string>());
        Assert.Equal("https://mosaic.emulator.test/cis/oidc/auth", result.GetLeftPart(UriPartial.Path));
        Assert.StartsWith("?client_id=emulator-client-id&login_ticket=", result.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_code_is_400_invalid_otp()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, Phone)).EnsureSuccessStatusCode();

        using var response = await api.ValidateAsync(token, Phone, Wrong(emulator.Outbox.GetLatest(Phone)!.Code));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(InvalidOtp, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Validation_without_a_send_is_400_invalid_otp()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());

        using var response = await api.ValidateAsync(await api.GetClientTokenAsync(), Phone, "123456");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(InvalidOtp, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_passcode_is_400_with_message_array()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());

        using var response = await api.ValidateAsync(await api.GetClientTokenAsync(), Phone, string.Empty);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"message":["passcode should not be empty"],"error_code":400}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Code_expires_after_the_policy_time()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = new MosaicEmulator(options => options.TimeProvider = time);
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, Phone)).EnsureSuccessStatusCode();
        time.Advance(TimeSpan.FromMinutes(5));

        using var response = await api.ValidateAsync(token, Phone, emulator.Outbox.GetLatest(Phone)!.Code);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"message":"Passcode expired","error_code":400,"error_type":"expired_otp"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Code_is_single_use()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, Phone)).EnsureSuccessStatusCode();
        var code = emulator.Outbox.GetLatest(Phone)!.Code;

        using var first = await api.ValidateAsync(token, Phone, code);
        using var second = await api.ValidateAsync(token, Phone, code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(InvalidOtp, await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Resend_replaces_the_previous_code()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, Phone)).EnsureSuccessStatusCode();
        var first = await emulator.Outbox.WaitForMessageAsync(Phone, TestContext.Current);
        string secondCode;
        do
        {
            (await api.SendAsync(token, Phone)).EnsureSuccessStatusCode();
            secondCode = (await emulator.Outbox.WaitForMessageAsync(Phone, TestContext.Current)).Code;
        }
        while (secondCode == first.Code); // one chance in a million of the same random code

        using var old = await api.ValidateAsync(token, Phone, first.Code);
        using var current = await api.ValidateAsync(token, Phone, secondCode);

        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task Max_failures_lock_the_phone_for_the_lockout_duration_and_resend_does_not_unlock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = new MosaicEmulator(options => options.TimeProvider = time);
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, Phone)).EnsureSuccessStatusCode();
        var code = emulator.Outbox.GetLatest(Phone)!.Code;

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await api.ValidateAsync(token, Phone, Wrong(code));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var locked = await api.ValidateAsync(token, Phone, code);
        (await api.SendAsync(token, Phone)).EnsureSuccessStatusCode();
        using var lockedAfterResend = await api.ValidateAsync(token, Phone, emulator.Outbox.GetLatest(Phone)!.Code);
        time.Advance(TimeSpan.FromMinutes(15));
        (await api.SendAsync(token, Phone)).EnsureSuccessStatusCode();
        using var unlocked = await api.ValidateAsync(token, Phone, emulator.Outbox.GetLatest(Phone)!.Code);

        Assert.Equal(HttpStatusCode.Forbidden, locked.StatusCode);
        Assert.Equal("""{"message":"One time code invalid due to multiple failed attempts","error_code":403,"error_type":"auth_locked"}""", await locked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, lockedAfterResend.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
    }

    [Fact]
    public async Task Resend_does_not_reset_the_failure_count()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        for (var i = 0; i < 3; i++)
        {
            (await api.SendAsync(token, Phone)).EnsureSuccessStatusCode();
            using var wrong = await api.ValidateAsync(token, Phone, Wrong(emulator.Outbox.GetLatest(Phone)!.Code));
        }

        (await api.SendAsync(token, Phone)).EnsureSuccessStatusCode();
        using var response = await api.ValidateAsync(token, Phone, emulator.Outbox.GetLatest(Phone)!.Code);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static string Wrong(string code) => code == "000000" ? "111111" : "000000";
}
