using SmsOtp.AspNetCore.Mosaic;
using SmsOtp.AspNetCore.Responses;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Mosaic;

/// <summary>
/// Each documented (or inferred) shape of Mosaic's answers, status × body, against what the client makes of it.
/// "throw:Kind" means a <see cref="MosaicApiException"/> of that kind.
/// </summary>
public sealed class MosaicApiClientMappingTests
{
    private readonly FakeMosaic _mosaic = new();
    private readonly MosaicApiClient _client;

    public MosaicApiClientMappingTests()
    {
        var backchannel = FakeMosaic.CreateBackchannel();
        _client = new MosaicApiClient(backchannel, new MosaicClientTokenCache(backchannel), TestMetrics.Create());
    }

    [Theory]
    [InlineData(200, """{"message":"SMS sent"}""", "Sent")]
    // 400 about the number: message as an array (the spec) or a string, or the backend's system_invalid_input.
    [InlineData(400, """{"message":["phone_number must be a valid phone number in E.164 format"],"error_code":400}""", "Refused")]
    [InlineData(400, """{"message":"phone_number must be a string","error_code":400}""", "Refused")]
    [InlineData(400, """{"message":["redirect_uri must be an allowed redirect URI of the application","phone_number must be a string"],"error_code":"400"}""", "Refused")]
    [InlineData(400, """{"message":"Invalid phone number","error_code":"system_invalid_input"}""", "Refused")]
    [InlineData(400, """{"message":"Invalid phone number","error_type":"system_invalid_input","error_code":400}""", "Refused")]
    // 400 about the app's configuration.
    [InlineData(400, """{"message":["redirect_uri must be an allowed redirect URI of the application"],"error_code":400}""", "throw:Rejected")]
    [InlineData(400, """{"message":["custom_message must contain {otp} and {app} placeholders"],"error_code":400}""", "throw:Rejected")]
    [InlineData(400, """{"message":"SMS provider is not configured","error_code":"external_provider_configuration_error"}""", "throw:Rejected")]
    [InlineData(400, """{"message":"Invalid input","error_code":"system_invalid_input"}""", "throw:Rejected")]
    [InlineData(400, """{"message":["Bad request"],"error_code":400}""", "throw:Rejected")]
    [InlineData(400, """{"error":"invalid_request","error_description":"redirect_uri is not allowed"}""", "throw:Rejected")]
    [InlineData(400, "", "throw:Rejected")]
    [InlineData(400, "phone_number is wrong", "throw:Rejected")]
    [InlineData(400, """["phone_number must be a string"]""", "throw:Rejected")]
    // 404: an unknown user (Mosaic's documented body has no code), or a configuration problem.
    [InlineData(404, """{"message":"User Not Found","error_code":404}""", "UserNotFound")]
    [InlineData(404, """{"message":"User not found","error_code":"404"}""", "UserNotFound")]
    [InlineData(404, """{"message":"User not found","error_code":"user_not_found"}""", "UserNotFound")]
    [InlineData(404, """{"message":"User has no phone number","error_code":"user_phone_number_missing"}""", "UserNotFound")]
    [InlineData(404, """{"message":"Not found","error_type":"user_not_found","error_code":404}""", "UserNotFound")]
    [InlineData(404, """{"message":"Client not found","error_code":"client_not_exist"}""", "throw:Rejected")]
    [InlineData(404, """{"message":"App not found","error_code":"app_not_exist"}""", "throw:Rejected")]
    [InlineData(404, """{"message":"No login preferences","error_code":"auth_login_preferences_missing"}""", "throw:Rejected")]
    [InlineData(404, "", "throw:Rejected")]
    [InlineData(404, "<html>Not Found</html>", "throw:Rejected")]
    [InlineData(404, """["User not found"]""", "throw:Rejected")]
    // 403: a deactivated account looks like an unknown one; anything else is configuration.
    [InlineData(403, """{"message":"User is not active","error_code":"user_not_active"}""", "UserNotFound")]
    [InlineData(403, """{"message":"User is not active","error_type":"user_not_active","error_code":403}""", "UserNotFound")]
    [InlineData(403, """{"message":"Forbidden","error_code":403}""", "throw:Rejected")]
    [InlineData(403, """{"message":"No login preferences","error_code":"auth_login_preferences_missing"}""", "throw:Rejected")]
    [InlineData(403, "", "throw:Rejected")]
    [InlineData(429, "", "throw:RateLimited")]
    [InlineData(500, """{"message":"Something went wrong - Internal server error","error_code":500}""", "throw:Unavailable")]
    [InlineData(503, "<html>upstream</html>", "throw:Unavailable")]
    public async Task Send_maps_each_answer(int status, string body, string expected)
    {
        _mosaic.On(FakeMosaic.SendPath, status, body);

        var actual = await OutcomeOf(() => _client.SendSmsAsync(_mosaic.CreateOptions(), SendRequest(), CancellationToken.None));

        Assert.Equal(expected, actual);
        Assert.Equal(1, _mosaic.Calls(FakeMosaic.SendPath));
    }

    [Fact]
    public async Task Send_refused_with_401_twice_is_Rejected_after_one_new_token()
    {
        _mosaic.On(FakeMosaic.SendPath, 401, """{"message":"Invalid token","error_code":401}""");

        var actual = await OutcomeOf(() => _client.SendSmsAsync(_mosaic.CreateOptions(), SendRequest(), CancellationToken.None));

        Assert.Equal("throw:Rejected", actual);
        Assert.Equal(2, _mosaic.Calls(FakeMosaic.SendPath));
        Assert.Equal(2, _mosaic.Calls(FakeMosaic.TokenPath));
    }

    [Theory]
    // The verification API's examples and the emulator.
    [InlineData(400, """{"message":"Invalid phone number or passcode","error_code":400,"error_type":"invalid_otp"}""", "InvalidCode")]
    [InlineData(400, """{"message":"Passcode expired","error_code":400,"error_type":"expired_otp"}""", "ExpiredCode")]
    [InlineData(403, """{"message":"One time code invalid due to multiple failed attempts","error_code":403,"error_type":"auth_locked"}""", "Locked")]
    // The backend API's string error_code, with or without an error_type beside it.
    [InlineData(400, """{"message":"Invalid credentials","error_code":"auth_invalid_credentials"}""", "InvalidCode")]
    [InlineData(400, """{"message":"Passcode expired","error_code":"auth_otp_passcode_expired"}""", "ExpiredCode")]
    [InlineData(403, """{"message":"Passcode expired","error_code":"auth_otp_passcode_expired","error_type":"x"}""", "ExpiredCode")]
    [InlineData(403, """{"error_code":"auth_locked","error_type":"x"}""", "Locked")]
    [InlineData(403, """{"message":"Locked","error_code":"auth_locked"}""", "Locked")]
    [InlineData(400, """{"message":"Locked","error_code":"auth_locked"}""", "Locked")]
    [InlineData(429, """{"message":"Locked","error_code":"auth_locked"}""", "Locked")]
    [InlineData(403, """{"error":"auth_locked"}""", "Locked")]
    [InlineData(403, """{"message":"No such request","error_code":"auth_otp_invalid_request_id"}""", "InvalidCode")]
    [InlineData(403, """{"message":"Invalid credentials","error_code":"auth_invalid_credentials"}""", "InvalidCode")]
    // Numeric-only error_code bodies, message as a string or an array.
    [InlineData(400, """{"message":["Bad request"],"error_code":400}""", "InvalidCode")]
    [InlineData(400, """{"message":"Bad request","error_code":"400"}""", "InvalidCode")]
    [InlineData(403, """{"message":"Forbidden","error_code":403}""", "InvalidCode")]
    // 404: an unknown user after the pretend-sent answer must look like a wrong code (checklist B-12).
    [InlineData(404, """{"message":"User not found","error_code":404}""", "InvalidCode")]
    [InlineData(404, """{"message":"User not found","error_code":"user_not_found"}""", "InvalidCode")]
    [InlineData(404, "", "InvalidCode")]
    // Any other 4xx, in any shape.
    [InlineData(400, "", "InvalidCode")]
    [InlineData(400, "not json", "InvalidCode")]
    [InlineData(400, """["invalid_otp"]""", "InvalidCode")]
    [InlineData(400, """{"error":"invalid_request","error_description":"passcode must be a string"}""", "InvalidCode")]
    [InlineData(403, "", "InvalidCode")]
    [InlineData(409, """{"message":"Conflict","error_code":409}""", "InvalidCode")]
    [InlineData(422, """{"message":["passcode must be a string"],"error_code":422}""", "InvalidCode")]
    // Not refusals of the code.
    [InlineData(429, "", "throw:RateLimited")]
    [InlineData(429, """{"message":"Too many requests","error_code":429}""", "throw:RateLimited")]
    [InlineData(500, """{"message":"Something went wrong","error_code":500}""", "throw:Unavailable")]
    [InlineData(502, "", "throw:Unavailable")]
    [InlineData(200, """{"result":"https://mosaic.test/cis/oidc/auth?client_id=client-id"}""", "Succeeded")]
    [InlineData(200, """{"result":"not a uri"}""", "throw:InvalidResponse")]
    [InlineData(200, "not json", "throw:InvalidResponse")]
    [InlineData(204, "", "throw:InvalidResponse")]
    public async Task Validate_maps_each_answer(int status, string body, string expected)
    {
        _mosaic.On(FakeMosaic.ValidatePath, status, body);

        var actual = await OutcomeOf(async () =>
        {
            var outcome = await _client.ValidateSmsAsync(_mosaic.CreateOptions(), new ValidateSmsRequest { PhoneNumber = "+16175551212", Passcode = "123456", Nonce = "n" }, CancellationToken.None);
            return outcome.Failure?.ToString() ?? "Succeeded";
        });

        Assert.Equal(expected, actual);
        Assert.Equal(1, _mosaic.Calls(FakeMosaic.ValidatePath));
    }

    [Fact]
    public async Task Validate_refused_with_401_twice_is_Rejected_not_a_wrong_code()
    {
        _mosaic.On(FakeMosaic.ValidatePath, 401, """{"message":"Invalid token","error_code":401}""");

        var actual = await OutcomeOf(async () => (await _client.ValidateSmsAsync(_mosaic.CreateOptions(), new ValidateSmsRequest { PhoneNumber = "+16175551212", Passcode = "123456", Nonce = "n" }, CancellationToken.None)).Failure?.ToString());

        Assert.Equal("throw:Rejected", actual);
        Assert.Equal(2, _mosaic.Calls(FakeMosaic.ValidatePath));
    }

    [Theory]
    [InlineData("""{"error":"invalid_grant","error_description":"grant request is invalid"}""", "invalid_grant")]
    [InlineData("""{"message":["code must be a string"],"error_code":400}""", "")]
    [InlineData("""{"message":"Bad request","error_code":400}""", "")]
    [InlineData("""{"error":"invalid_request","error_description":"redirect_uri mismatch"}""", "invalid_request")]
    [InlineData("""{"message":"Invalid code","error_code":"invalid_code","error_type":"auth_invalid_code"}""", "auth_invalid_code,invalid_code")]
    [InlineData("", "")]
    [InlineData("Bad Request", "")]
    [InlineData("""["invalid_grant"]""", "")]
    public async Task Exchange_400_in_any_shape_is_invalid_grant_and_keeps_Mosaic_s_own_codes(string body, string mosaicCodes)
    {
        _mosaic.On(FakeMosaic.TokenPath, 400, body);

        var failure = await Assert.ThrowsAsync<MosaicApiException>(() => _client.ExchangeCodeAsync(_mosaic.CreateOptions(), "code", "https://app.test/signin-sms/callback", CancellationToken.None));

        Assert.Equal(MosaicFailureKind.Rejected, failure.Kind);
        Assert.Equal("invalid_grant", failure.Error?.Code);
        Assert.Equal(mosaicCodes, string.Join(',', failure.Error!.Codes));
        // What the handler makes of it: "already used or expired, start again", a 400, not a 503.
        Assert.Equal(400, SmsOtpFailures.FromMosaic(failure).StatusCode);
    }

    [Theory]
    [InlineData(401, """{"error":"invalid_client","error_description":"client authentication failed"}""", "Rejected", "invalid_client", 503)]
    [InlineData(401, "", "Rejected", null, 503)]
    [InlineData(429, "", "RateLimited", null, 429)]
    [InlineData(500, """{"message":"Something went wrong - Internal server error","error_code":500}""", "Unavailable", null, 503)]
    public async Task Exchange_failures_other_than_400_keep_their_kind(int status, string body, string kind, string? code, int handlerStatus)
    {
        _mosaic.On(FakeMosaic.TokenPath, status, body);

        var failure = await Assert.ThrowsAsync<MosaicApiException>(() => _client.ExchangeCodeAsync(_mosaic.CreateOptions(), "code", "https://app.test/signin-sms/callback", CancellationToken.None));

        Assert.Equal(kind, failure.Kind.ToString());
        Assert.Equal(code, failure.Error?.Code);
        Assert.Equal(handlerStatus, SmsOtpFailures.FromMosaic(failure).StatusCode);
    }

    [Fact]
    public async Task Exchange_200_returns_the_tokens()
    {
        _mosaic.On(FakeMosaic.TokenPath, 200, """{"access_token":"at","id_token":"idt","refresh_token":"rt","token_type":"Bearer","expires_in":3600,"scope":"openid"}""");

        var tokens = await _client.ExchangeCodeAsync(_mosaic.CreateOptions(), "code", "https://app.test/signin-sms/callback", CancellationToken.None);

        Assert.Equal(("idt", "at", "rt", TimeSpan.FromHours(1)), (tokens.IdToken, tokens.AccessToken, tokens.RefreshToken, tokens.ExpiresIn));
    }

    private static SendSmsRequest SendRequest() => new() { PhoneNumber = "+16175551212", RedirectUri = "https://app.test/signin-sms/callback" };

    private static async Task<string?> OutcomeOf<T>(Func<Task<T>> call)
    {
        try
        {
            return (await call())?.ToString();
        }
        catch (MosaicApiException ex)
        {
            return "throw:" + ex.Kind;
        }
    }
}
