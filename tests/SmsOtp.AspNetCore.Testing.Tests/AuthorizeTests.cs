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
        using (var first = await api.Http.GetAsync(new Uri(result)))
        {
            // The ticket was good once: what follows is its reuse, not a ticket that never worked.
            Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
            Assert.NotEmpty(QueryHelpers.ParseQuery(first.Headers.Location!.Query)["code"].ToString());
        }

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

        // To the redirect URI the ticket was issued for (RFC 6749 §4.1.2.1), with no code.
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(MosaicApi.RedirectUri, response.Headers.Location!.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.False(query.ContainsKey("code"));
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.Equal("login ticket expired", query["error_description"].ToString());
        Assert.Equal("s1", query["state"].ToString());
    }

    // RFC 6749 §4.1.2.1: a redirect URI that cannot be trusted is never redirected to, whatever else is wrong.
    [Theory]
    [InlineData("emulator-client-id", "https%3A%2F%2Fevil.example%2Fcb", "redirect_uri is not allowed for the client")]
    [InlineData("unknown-client", "https%3A%2F%2Flocalhost%2Fcb", "client_id is invalid")]
    public async Task Unknown_client_or_redirect_uri_is_400_json(string clientId, string redirectUri, string message)
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();

        using var response = await http.GetAsync($"cis/oidc/auth?client_id={clientId}&redirect_uri={redirectUri}&response_type=code&scope=openid");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal($$"""{"message":["{{message}}"],"error_code":400}""", await response.Content.ReadAsStringAsync());
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

        using var response = await http.GetAsync("cis/oidc/auth?client_id=emulator-client-id&redirect_uri=https%3A%2F%2Flocalhost%2Fcb&response_type=token&state=s2");

        // RFC 6749 §4.1.2.1: to the client's redirect URI, with the state.
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("https://localhost/cb", response.Headers.Location!.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(response.Headers.Location.Query);
        Assert.Equal("unsupported_response_type", query["error"].ToString());
        Assert.Equal("s2", query["state"].ToString());
    }

    private static async Task<string> GetResultAsync(MosaicEmulator emulator, MosaicApi api)
    {
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, Phone)).EnsureSuccessStatusCode();
        using var validate = await api.ValidateAsync(token, Phone, emulator.Outbox.GetLatest(Phone)!.Code);
        return (await MosaicApi.ReadJsonAsync(validate))["result"]!.GetValue<string>();
    }
}
