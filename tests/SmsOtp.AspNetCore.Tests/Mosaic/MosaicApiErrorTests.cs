using System.Net;
using System.Text;
using SmsOtp.AspNetCore.Mosaic;

namespace SmsOtp.AspNetCore.Tests.Mosaic;

/// <summary>Reading Mosaic's error bodies: every code kept, whatever the shape; never a throw.</summary>
public sealed class MosaicApiErrorTests
{
    [Theory]
    [InlineData("""{"message":["Bad request"],"error_code":400}""", null, null, null, null, "Bad request")]
    [InlineData("""{"message":"Bad request","error_code":400}""", null, null, null, null, "Bad request")]
    [InlineData("""{"message":"Bad request","error_code":"400"}""", null, null, null, null, "Bad request")]
    [InlineData("""{"message":["a","b"],"error_code":400}""", null, null, null, null, "a; b")]
    [InlineData("""{"message":"Passcode expired","error_code":400,"error_type":"expired_otp"}""", "expired_otp", null, null, "expired_otp", "Passcode expired")]
    [InlineData("""{"error_code":"auth_locked","error_type":"x"}""", "x", "auth_locked", null, "x", null)]
    [InlineData("""{"error_code":"auth_locked","message":"Locked"}""", null, "auth_locked", null, "auth_locked", "Locked")]
    [InlineData("""{"error":"invalid_grant","error_description":"grant request is invalid"}""", null, null, "invalid_grant", "invalid_grant", "grant request is invalid")]
    [InlineData("""{"error_type":42,"error_code":true,"error":null,"message":{"a":1}}""", null, null, null, null, null)]
    [InlineData("", null, null, null, null, null)]
    [InlineData("<html>502</html>", null, null, null, null, null)]
    [InlineData("""["auth_locked"]""", null, null, null, null, null)]
    [InlineData("\"auth_locked\"", null, null, null, null, null)]
    [InlineData("{\"message\": \"cut off", null, null, null, null, null)]
    public void Parse_keeps_each_code_and_message(string body, string? errorType, string? errorCode, string? oAuthError, string? code, string? message)
    {
        var error = MosaicApiError.Parse(HttpStatusCode.BadRequest, Encoding.UTF8.GetBytes(body));

        Assert.Equal((errorType, errorCode, oAuthError, code, message), (error.ErrorType, error.ErrorCode, error.OAuthError, error.Code, error.Message));
    }

    [Fact]
    public void A_code_is_matched_in_any_field()
    {
        var error = MosaicApiError.Parse(HttpStatusCode.Forbidden, """{"error_code":"auth_locked","error_type":"x","error":"access_denied"}"""u8);

        Assert.True(error.HasCode("auth_locked"));
        Assert.True(error.HasCode("x"));
        Assert.True(error.HasCode("access_denied"));
        Assert.True(error.HasAnyCode("nope", "auth_locked"));
        Assert.False(error.HasCode("invalid_otp"));
        Assert.Equal(["x", "auth_locked", "access_denied"], error.Codes);
    }

    [Theory]
    [InlineData("""{"message":"m"}""", true)]
    [InlineData("{}", true)]
    [InlineData("", false)]
    [InlineData("[]", false)]
    [InlineData("oops", false)]
    public void IsJsonObject_tells_Mosaic_s_shape_from_a_proxy_s_page(string body, bool expected)
        => Assert.Equal(expected, MosaicApiError.Parse(HttpStatusCode.NotFound, Encoding.UTF8.GetBytes(body)).IsJsonObject);

    [Fact]
    public void ToString_logs_status_and_codes_but_never_messages()
    {
        var error = MosaicApiError.Parse(HttpStatusCode.BadRequest, """{"message":"+16175551212 is not valid","error_code":"system_invalid_input","error_type":"x"}"""u8);

        Assert.Equal("400 x (system_invalid_input)", error.ToString());
        Assert.Equal("400 invalid_grant (x, system_invalid_input)", (error with { Code = "invalid_grant" }).ToString());
        Assert.Equal("404 -", MosaicApiError.Parse(HttpStatusCode.NotFound, []).ToString());
    }
}
