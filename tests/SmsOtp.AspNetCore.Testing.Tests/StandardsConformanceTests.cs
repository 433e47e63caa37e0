using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using SmsOtp.AspNetCore.Testing.Tests.Support;

namespace SmsOtp.AspNetCore.Testing.Tests;

/// <summary>The RFC 6749 / 6750 / 7009 and OIDC Core details that clients written elsewhere rely on (issue #11 item 6).</summary>
public sealed class StandardsConformanceTests
{
    private const string Phone = "+16175557001";

    private static Dictionary<string, string> ClientCredentials(string secret = MosaicEmulatorDefaults.ClientSecret) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = MosaicEmulatorDefaults.ClientId,
        ["client_secret"] = secret,
    };

    [Fact]
    public async Task Token_responses_carry_no_store_and_pragma_no_cache_success_and_error_alike()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());

        using var ok = await api.TokenAsync(ClientCredentials());
        using var refused = await api.TokenAsync(ClientCredentials("wrong"));

        // One success and one error, so both kinds are shown to carry the headers.
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        foreach (var response in new[] { ok, refused })
        {
            Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
            Assert.Equal("no-cache", Assert.Single(response.Headers.Pragma).Name);
        }
    }

    [Fact]
    public async Task Wrong_secret_sent_with_basic_gets_401_invalid_client_with_a_basic_challenge()
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "oidc/token") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }) };
        request.Headers.Authorization = Basic(MosaicEmulatorDefaults.ClientId, "wrong");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("invalid_client", (await MosaicApi.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_secret_in_the_body_gets_401_without_a_challenge()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());

        using var response = await api.TokenAsync(ClientCredentials("wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [InlineData("")]
    [InlineData("grant_type=client_credentials&grant_type=client_credentials&")]
    public async Task Missing_or_repeated_grant_type_is_invalid_request(string grantTypes)
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();

        using var response = await http.PostAsync("oidc/token", new StringContent(
            grantTypes + "client_id=emulator-client-id&client_secret=emulator-client-secret", Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await MosaicApi.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_code_is_invalid_request_and_an_unknown_code_stays_invalid_grant()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var form = ClientCredentials();
        form["grant_type"] = "authorization_code";
        form["redirect_uri"] = MosaicApi.RedirectUri;

        using var missing = await api.TokenAsync(form);
        form["code"] = "not-a-code";
        using var unknown = await api.TokenAsync(form);

        // RFC 6749 §5.2: both are 400s.
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("invalid_request", (await MosaicApi.ReadJsonAsync(missing))["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("invalid_grant", (await MosaicApi.ReadJsonAsync(unknown))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Credentials_in_both_basic_and_the_body_are_refused()
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "oidc/token") { Content = new FormUrlEncodedContent(ClientCredentials()) };
        request.Headers.Authorization = Basic(MosaicEmulatorDefaults.ClientId, MosaicEmulatorDefaults.ClientSecret);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await MosaicApi.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Userinfo_answers_post_with_the_token_in_the_header_or_the_form()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var accessToken = (await api.LoginAsync(emulator.Outbox, Phone))["access_token"]!.GetValue<string>();

        using var header = new HttpRequestMessage(HttpMethod.Post, "cis/oidc/me");
        header.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var viaHeader = await api.Http.SendAsync(header);
        using var viaForm = await api.Http.PostAsync("oidc/me", new FormUrlEncodedContent(new Dictionary<string, string> { ["access_token"] = accessToken }));

        Assert.Equal(Phone, (await MosaicApi.ReadJsonAsync(viaHeader))["phone_number"]!.GetValue<string>());
        Assert.Equal(Phone, (await MosaicApi.ReadJsonAsync(viaForm))["phone_number"]!.GetValue<string>());
    }

    [Fact]
    public async Task Userinfo_without_a_token_challenges_without_an_error_code_and_with_a_bad_one_names_invalid_token()
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();

        using var none = await http.GetAsync("cis/oidc/me");
        using var bad = new HttpRequestMessage(HttpMethod.Get, "cis/oidc/me");
        bad.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        using var invalid = await http.SendAsync(bad);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.DoesNotContain("error", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("Bearer", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, invalid.StatusCode);   // RFC 6750 §3.1: invalid_token is a 401
        Assert.StartsWith("Bearer", invalid.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("error=\"invalid_token\"", invalid.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorization_request_without_response_type_redirects_with_invalid_request()
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();

        using var response = await http.GetAsync("cis/oidc/auth?client_id=emulator-client-id&redirect_uri=https%3A%2F%2Flocalhost%2Fcb&scope=openid&state=s1");

        // RFC 6749 §4.1.2.1: to the client's (valid) redirect URI, with the state.
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("https://localhost/cb", response.Headers.Location!.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal("invalid_request", query["error"].ToString());
        Assert.Equal("s1", query["state"].ToString());
    }

    [Fact]
    public async Task Revocation_is_in_discovery_and_a_revoked_refresh_token_no_longer_works()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var discovery = await api.Http.GetStringAsync("cis/oidc/.well-known/openid-configuration");
        var refreshToken = (await api.LoginAsync(emulator.Outbox, Phone))["refresh_token"]!.GetValue<string>();
        var controlToken = (await api.LoginAsync(emulator.Outbox, "+16175557002"))["refresh_token"]!.GetValue<string>();

        using var revoke = await api.Http.PostAsync("oidc/token/revocation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = refreshToken,
            ["token_type_hint"] = "refresh_token",
            ["client_id"] = MosaicEmulatorDefaults.ClientId,
            ["client_secret"] = MosaicEmulatorDefaults.ClientSecret,
        }));
        var refresh = ClientCredentials();
        refresh["grant_type"] = "refresh_token";
        refresh["refresh_token"] = refreshToken;
        using var refreshed = await api.TokenAsync(refresh);
        refresh["refresh_token"] = controlToken;
        using var control = await api.TokenAsync(refresh);

        Assert.Contains("\"revocation_endpoint\":\"https://mosaic.emulator.test/oidc/token/revocation\"", discovery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("invalid_grant", (await MosaicApi.ReadJsonAsync(refreshed))["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);   // a refresh token that was not revoked still works
        Assert.Equal(1, emulator.Counters.Get(MosaicEmulatorEndpoint.Revocation));
    }

    [Fact]
    public async Task Revoking_a_client_token_makes_the_sms_api_refuse_it_and_an_unknown_token_still_gets_200()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        using (var before = await api.SendAsync(token, Phone))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);   // the token worked until it was revoked
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "cis/oidc/token/revocation") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }) };
        request.Headers.Authorization = Basic(MosaicEmulatorDefaults.ClientId, MosaicEmulatorDefaults.ClientSecret);
        using var revoked = await api.Http.SendAsync(request);
        using var unknown = await api.Http.PostAsync("oidc/token/revocation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = "never-issued",
            ["client_id"] = MosaicEmulatorDefaults.ClientId,
            ["client_secret"] = MosaicEmulatorDefaults.ClientSecret,
        }));
        using var send = await api.SendAsync(token, Phone);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, send.StatusCode);
    }

    [Fact]
    public async Task Revocation_authenticates_the_client()
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();

        using var response = await http.PostAsync("oidc/token/revocation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = "anything",
            ["client_id"] = MosaicEmulatorDefaults.ClientId,
            ["client_secret"] = "wrong",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (await MosaicApi.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Logout_ends_the_users_sso_sessions_and_counts_them()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var first = await LoginWithSessionAsync(api, emulator, Phone);
        _ = await LoginWithSessionAsync(api, emulator, Phone);
        var otherUser = await LoginWithSessionAsync(api, emulator, "+16175557003");

        using var logout = new HttpRequestMessage(HttpMethod.Post, "cis/v1/auth/logout");
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", first.AccessToken);
        using var response = await api.Http.SendAsync(logout);
        using var again = new HttpRequestMessage(HttpMethod.Post, "cis/v1/auth/logout");
        again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", first.AccessToken);
        using var second = await api.Http.SendAsync(again);

        // The session cookie no longer signs in silently: prompt=none now needs a login. Another user's session, ended by
        // nobody, still does: the cookie alone would sign in, and the logout ended only this user's sessions.
        using var afterLogout = await SilentAsync(api, first.Session);
        using var otherAfterLogout = await SilentAsync(api, otherUser.Session);

        Assert.Equal("""{"sessions_count":2}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("""{"sessions_count":0}""", await second.Content.ReadAsStringAsync());
        Assert.Equal("login_required", QueryHelpers.ParseQuery(afterLogout.Headers.Location!.Query)["error"].ToString());
        Assert.NotEmpty(QueryHelpers.ParseQuery(otherAfterLogout.Headers.Location!.Query)["code"].ToString());
    }

    [Theory]
    [InlineData("&prompt=none")]   // silent
    [InlineData("")]               // SSO: no prompt, the session signs in without a page
    public async Task An_authorization_that_rides_the_sso_session_opens_no_new_session(string prompt)
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var first = await LoginWithSessionAsync(api, emulator, Phone);
        _ = await LoginWithSessionAsync(api, emulator, Phone);
        using var riding = await SilentAsync(api, first.Session, prompt);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "cis/v1/auth/logout");
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", first.AccessToken);
        using var response = await api.Http.SendAsync(logout);

        // The ride signed in (a code, no login page), and two logins are two sessions however often one is ridden.
        Assert.Equal(HttpStatusCode.SeeOther, riding.StatusCode);
        Assert.NotEmpty(QueryHelpers.ParseQuery(riding.Headers.Location!.Query)["code"].ToString());
        Assert.Equal("""{"sessions_count":2}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logout_needs_a_user_access_token()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var clientToken = await api.GetClientTokenAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "cis/v1/auth/logout");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clientToken);
        using var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Validation_with_response_type_id_token_redirects_with_an_id_token_in_the_fragment()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, Phone)).EnsureSuccessStatusCode();
        var code = emulator.Outbox.GetLatest(Phone)!.Code;

        using var request = new HttpRequestMessage(HttpMethod.Post, "cis/v1/auth/otp/sms/validation")
        {
            Content = JsonContent.Create(new { phone_number = Phone, passcode = code, response_type = "id_token", nonce = "n-1" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var validate = await api.Http.SendAsync(request);
        var result = (await MosaicApi.ReadJsonAsync(validate))["result"]!.GetValue<string>();
        using var redirect = await api.Http.GetAsync(new Uri(result));

        Assert.Equal(HttpStatusCode.SeeOther, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.Equal(MosaicApi.RedirectUri, location.GetLeftPart(UriPartial.Path));
        var fragment = QueryHelpers.ParseQuery(location.Fragment.TrimStart('#'));
        var idToken = new JsonWebToken(fragment["id_token"].ToString());
        Assert.Equal("RS256", idToken.Alg);
        Assert.Equal("n-1", idToken.GetClaim("nonce").Value);
        Assert.False(idToken.TryGetClaim("at_hash", out _));
        Assert.Empty(location.Query);
    }

    private static async Task<(string AccessToken, string Session)> LoginWithSessionAsync(MosaicApi api, MosaicEmulator emulator, string phone)
    {
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, phone)).EnsureSuccessStatusCode();
        var sms = await emulator.Outbox.WaitForMessageAsync(phone, TestContext.Current);
        using var validate = await api.ValidateAsync(token, phone, sms.Code);
        var result = (await MosaicApi.ReadJsonAsync(validate))["result"]!.GetValue<string>();
        using var hop = await api.Http.GetAsync(new Uri(result));
        var session = hop.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("idp_session=", StringComparison.Ordinal)).Split(';')[0]["idp_session=".Length..];
        var code = QueryHelpers.ParseQuery(hop.Headers.Location!.Query)["code"].ToString();
        using var exchange = await api.TokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = MosaicApi.RedirectUri,
            ["client_id"] = MosaicEmulatorDefaults.ClientId,
            ["client_secret"] = MosaicEmulatorDefaults.ClientSecret,
        });
        return ((await MosaicApi.ReadJsonAsync(exchange))["access_token"]!.GetValue<string>(), session);
    }

    private static async Task<HttpResponseMessage> SilentAsync(MosaicApi api, string session, string prompt = "&prompt=none")
    {
        using var silent = new HttpRequestMessage(HttpMethod.Get, "cis/oidc/auth?client_id=emulator-client-id&redirect_uri=https%3A%2F%2Flocalhost%2Fcb&response_type=code&scope=openid" + prompt);
        silent.Headers.Add("Cookie", "idp_session=" + session);
        return await api.Http.SendAsync(silent);
    }

    private static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(id + ":" + secret)));
}
