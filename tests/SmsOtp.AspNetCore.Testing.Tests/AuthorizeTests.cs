using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Testing.Tests.Support;

namespace SmsOtp.AspNetCore.Testing.Tests;

public sealed class AuthorizeTests
{
    private const string Phone = "+16175553000";

    [Fact]
    public async Task Ticket_redirects_303_with_code_and_state_and_sets_the_session_cookie()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var result = await GetResultAsync(emulator, api);

        using var response = await api.Http.GetAsync(new Uri(result + "&state=xyz"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(MosaicApi.RedirectUri, location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.NotEmpty(query["code"].ToString());
        Assert.Equal("xyz", query["state"].ToString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("idp_session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Used_ticket_is_400_json_when_no_redirect_uri_can_be_trusted()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var result = await GetResultAsync(emulator, api);
        (await api.Http.GetAsync(new Uri(result))).Dispose();

        using var response = await api.Http.GetAsync(new Uri(result));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"message":"login ticket is invalid or was already used","error_code":400}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Expired_ticket_redirects_with_access_denied()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = new MosaicEmulator(options => options.TimeProvider = time);
        var api = new MosaicApi(emulator.CreateClient());
        var result = await GetResultAsync(emulator, api);
        time.Advance(TimeSpan.FromMinutes(2));

        using var response = await api.Http.GetAsync(new Uri(result + "&state=s1"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.Equal("login ticket expired", query["error_description"].ToString());
        Assert.Equal("s1", query["state"].ToString());
    }

    [Fact]
    public async Task Unknown_client_or_redirect_uri_is_400_json()
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();

        using var response = await http.GetAsync("cis/oidc/auth?client_id=emulator-client-id&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&response_type=code&scope=openid");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"message":["redirect_uri is not allowed for the client"],"error_code":400}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Prompt_none_without_a_session_redirects_with_login_required()
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();

        using var response = await http.GetAsync("oidc/auth?client_id=emulator-client-id&redirect_uri=https%3A%2F%2Flocalhost%2Fcb&response_type=code&scope=openid&prompt=none&state=abc");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("https://localhost/cb?error=login_required&error_description=end-user%20authentication%20is%20required&state=abc", response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task Unsupported_response_type_redirects_with_the_error()
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();

        using var response = await http.GetAsync("cis/oidc/auth?client_id=emulator-client-id&redirect_uri=https%3A%2F%2Flocalhost%2Fcb&response_type=token");

        Assert.Equal("unsupported_response_type", QueryHelpers.ParseQuery(response.Headers.Location!.Query)["error"].ToString());
    }

    private static async Task<string> GetResultAsync(MosaicEmulator emulator, MosaicApi api)
    {
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, Phone)).EnsureSuccessStatusCode();
        using var validate = await api.ValidateAsync(token, Phone, emulator.Outbox.GetLatest(Phone)!.Code);
        return (await MosaicApi.ReadJsonAsync(validate))["result"]!.GetValue<string>();
    }
}
