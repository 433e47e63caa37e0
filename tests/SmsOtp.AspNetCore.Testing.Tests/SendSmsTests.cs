using System.Net;
using SmsOtp.AspNetCore.Testing.Tests.Support;

namespace SmsOtp.AspNetCore.Testing.Tests;

public sealed class SendSmsTests
{
    [Fact]
    public async Task Send_delivers_a_default_text_to_the_outbox_and_answers_sms_sent()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());

        using var response = await api.SendAsync(await api.GetClientTokenAsync(), "+16175551212");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"message":"SMS sent"}""", await response.Content.ReadAsStringAsync());
        var sms = Assert.Single(emulator.Outbox.GetMessages("+16175551212"));
        Assert.Matches("^[0-9]{6}$", sms.Code);
        Assert.Equal($"Your Emulator verification code is: {sms.Code}", sms.Text);
    }

    [Fact]
    public async Task Custom_message_sender_id_and_approval_data_are_honoured()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());

        using var response = await api.SendAsync(await api.GetClientTokenAsync(), new Dictionary<string, object>
        {
            ["phone_number"] = "+16175551213", ["redirect_uri"] = MosaicApi.RedirectUri, ["create_new_user"] = true,
            ["custom_message"] = "{otp} is your {app} code", ["sender_id"] = "ACME", ["approval_data"] = new Dictionary<string, string> { ["order"] = "42" },
        });

        Assert.Equal("""{"message":"SMS sent","approval_data":{"order":"42"}}""", await response.Content.ReadAsStringAsync());
        var sms = emulator.Outbox.GetLatest("+16175551213")!;
        Assert.Equal($"{sms.Code} is your Emulator code", sms.Text);
        Assert.Equal("ACME", sms.SenderId);
    }

    [Fact]
    public async Task Missing_or_invalid_bearer_is_401_invalid_token()
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();

        using var missing = await http.PostAsJsonAsync("cis/v1/auth/otp/sms", new { phone_number = "+16175551212" });
        var api = new MosaicApi(http);
        using var garbage = await api.SendAsync("not-a-token", "+16175551212");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("""{"message":"Invalid token","error_code":401}""", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
    }

    [Theory]
    [InlineData("16175551212", "phone_number must be a valid phone number in E.164 format")]
    [InlineData("+0123456789", "phone_number must be a valid phone number in E.164 format")]
    [InlineData("+1617555121212345", "phone_number must be a valid phone number in E.164 format")]
    [InlineData("+١٦١٧٥٥٥١٢١٢", "phone_number must be a valid phone number in E.164 format")]
    public async Task Non_E164_phone_is_400_with_a_message_array(string phone, string message)
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());

        using var response = await api.SendAsync(await api.GetClientTokenAsync(), phone);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await MosaicApi.ReadElementAsync(response);
        Assert.Equal(400, body.GetProperty("error_code").GetInt32());
        Assert.Equal(message, Assert.Single(body.GetProperty("message").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Field_rules_are_all_reported()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());

        using var response = await api.SendAsync(await api.GetClientTokenAsync(), new Dictionary<string, object>
        {
            ["phone_number"] = "+16175551212", ["redirect_uri"] = "https://evil.example/cb",
            ["custom_message"] = new string('x', 141), ["sender_id"] = "TWELVECHARSX",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var messages = (await MosaicApi.ReadElementAsync(response)).GetProperty("message").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains("redirect_uri must be an allowed redirect URI of the application", messages);
        Assert.Contains("custom_message must be shorter than or equal to 140 characters", messages);
        Assert.Contains("custom_message must contain {otp} and {app} placeholders", messages);
        Assert.Contains("sender_id must be shorter than or equal to 11 characters", messages);
        Assert.Empty(emulator.Outbox.GetMessages());
    }

    [Fact]
    public async Task Missing_required_fields_are_400()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());

        using var response = await api.SendAsync(await api.GetClientTokenAsync(), new Dictionary<string, object>());

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var messages = (await MosaicApi.ReadElementAsync(response)).GetProperty("message").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Equal(["phone_number should not be empty", "redirect_uri should not be empty"], messages);
    }

    [Fact]
    public async Task Unknown_user_is_404_without_create_new_user_or_with_sign_up_off()
    {
        await using var emulator = new MosaicEmulator(options =>
        {
            options.Clients.Add(new MosaicEmulatorClient());
            options.Clients.Add(new MosaicEmulatorClient { ClientId = "closed", ClientSecret = "closed-secret", PublicSignUp = false });
            options.Users.Add(new MosaicEmulatorUser { UserId = "u-known", PhoneNumber = "+16175550000" });
        });
        var api = new MosaicApi(emulator.CreateClient());
        var openToken = await api.GetClientTokenAsync();
        var closedToken = await api.GetClientTokenAsync("closed", "closed-secret");

        using var noCreate = await api.SendAsync(openToken, "+16175551214", createNewUser: false);
        using var closed = await api.SendAsync(closedToken, "+16175551214", createNewUser: true);
        using var known = await api.SendAsync(closedToken, "+16175550000", createNewUser: false);

        Assert.Equal(HttpStatusCode.NotFound, noCreate.StatusCode);
        Assert.Equal("""{"message":"User not found","error_code":404}""", await noCreate.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
    }

    [Fact]
    public async Task Test_phone_numbers_get_their_fixed_code()
    {
        await using var emulator = new MosaicEmulator(options => options.TestPhoneNumbers["+15555550100"] = "123456");
        var api = new MosaicApi(emulator.CreateClient());

        (await api.SendAsync(await api.GetClientTokenAsync(), "+15555550100")).EnsureSuccessStatusCode();

        Assert.Equal("123456", emulator.Outbox.GetLatest("+15555550100")!.Code);
    }

    [Fact]
    public async Task Code_length_follows_the_policy()
    {
        await using var emulator = new MosaicEmulator(options => options.Otp.CodeLength = 8);
        var api = new MosaicApi(emulator.CreateClient());

        (await api.SendAsync(await api.GetClientTokenAsync(), "+16175551215")).EnsureSuccessStatusCode();

        Assert.Matches("^[0-9]{8}$", emulator.Outbox.GetLatest("+16175551215")!.Code);
    }

    [Fact]
    public void Out_of_range_policy_fails_at_start()
    {
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new MosaicEmulator(options => options.Otp.MaxFailures = 21));
    }
}
