using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using SmsOtp.AspNetCore.Testing.Tests.Support;

namespace SmsOtp.AspNetCore.Testing.Tests;

public sealed class TokenEndpointTests
{
    [Fact]
    public async Task Client_credentials_returns_a_one_hour_jwt_with_mosaic_claims()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());

        using var response = await api.TokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = MosaicEmulatorDefaults.ClientId, ["client_secret"] = MosaicEmulatorDefaults.ClientSecret });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await MosaicApi.ReadJsonAsync(response);
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(3600, body["expires_in"]!.GetValue<int>());
        Assert.Equal("openid offline_access", body["scope"]!.GetValue<string>());
        var jwt = new JsonWebToken(body["access_token"]!.GetValue<string>());
        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal(emulator.Keys.AccessTokenKeyId, jwt.Kid);
        Assert.Equal(MosaicEmulatorDefaults.Issuer, jwt.Issuer);
        Assert.Equal(["userid-api"], jwt.Audiences);
        Assert.Equal(MosaicEmulatorDefaults.ClientId, jwt.GetClaim("client_id").Value);
        Assert.Equal(MosaicEmulatorDefaults.AppId, jwt.GetClaim("app_id").Value);
        Assert.Equal(MosaicEmulatorDefaults.TenantId, jwt.GetClaim("tid").Value);
        Assert.Equal(TimeSpan.FromHours(1), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public async Task Client_secret_basic_is_accepted_too()
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "cis/oidc/token") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(MosaicEmulatorDefaults.ClientId + ":" + MosaicEmulatorDefaults.ClientSecret)));

        using var response = await http.SendAsync(request);

        // The body names no client: the token's client can only come from the Basic credentials.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var jwt = new JsonWebToken((await MosaicApi.ReadJsonAsync(response))["access_token"]!.GetValue<string>());
        Assert.Equal(MosaicEmulatorDefaults.ClientId, jwt.GetClaim("client_id").Value);
    }

    [Fact]
    public async Task Wrong_secret_is_401_invalid_client()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());

        using var response = await api.TokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = MosaicEmulatorDefaults.ClientId, ["client_secret"] = "wrong" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"error":"invalid_client","error_description":"client authentication failed"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_grant_type_is_400_unsupported_grant_type()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());

        using var response = await api.TokenAsync(new() { ["grant_type"] = "password", ["client_id"] = MosaicEmulatorDefaults.ClientId, ["client_secret"] = MosaicEmulatorDefaults.ClientSecret });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", (await MosaicApi.ReadJsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorization_code_is_single_use()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var code = await CodeAsync(emulator, api, "+16175550101");

        using var first = await api.TokenAsync(Exchange(code, MosaicApi.RedirectUri));
        using var replay = await api.TokenAsync(Exchange(code, MosaicApi.RedirectUri));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await MosaicApi.ReadJsonAsync(first);
        Assert.All(["access_token", "id_token", "refresh_token", "expires_in", "scope", "token_type"], name => Assert.NotNull(body[name]));
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("""{"error":"invalid_grant","error_description":"grant request is invalid"}""", await replay.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Authorization_code_with_another_redirect_uri_is_invalid_grant()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var code = await CodeAsync(emulator, api, "+16175550102");
        var control = await CodeAsync(emulator, api, "+16175550112");

        using var response = await api.TokenAsync(Exchange(code, MosaicApi.RedirectUri + "/other"));
        using var controlResponse = await api.TokenAsync(Exchange(control, MosaicApi.RedirectUri));

        // RFC 6749 §4.1.3: the redirect_uri must be identical to the authorization request's; a code got the same way
        // and presented with it is exchanged, so the refusal is the mismatch.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await MosaicApi.ReadJsonAsync(response))["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, controlResponse.StatusCode);
    }

    [Fact]
    public async Task Authorization_code_expires_after_60_seconds()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = new MosaicEmulator(options => options.TimeProvider = time);
        var api = new MosaicApi(emulator.CreateClient());
        var early = await CodeAsync(emulator, api, "+16175550103");
        var late = await CodeAsync(emulator, api, "+16175550113");

        // Both codes were issued at the same moment: one is still good at 59 s, the other no longer at 61 s.
        time.Advance(TimeSpan.FromSeconds(59));
        using var inTime = await api.TokenAsync(Exchange(early, MosaicApi.RedirectUri));
        time.Advance(TimeSpan.FromSeconds(2));
        using var expired = await api.TokenAsync(Exchange(late, MosaicApi.RedirectUri));

        Assert.Equal(HttpStatusCode.OK, inTime.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Equal("invalid_grant", (await MosaicApi.ReadJsonAsync(expired))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_token_rotates_and_the_old_one_is_refused()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var tokens = await api.LoginAsync(emulator.Outbox, "+16175550104");
        var refresh = tokens["refresh_token"]!.GetValue<string>();
        Dictionary<string, string> Refresh(string value) => new()
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = value,
            ["client_id"] = MosaicEmulatorDefaults.ClientId, ["client_secret"] = MosaicEmulatorDefaults.ClientSecret,
        };

        using var first = await api.TokenAsync(Refresh(refresh));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var rotated = (await MosaicApi.ReadJsonAsync(first))["refresh_token"]!.GetValue<string>();
        using var withRotated = await api.TokenAsync(Refresh(rotated));
        using var reuse = await api.TokenAsync(Refresh(refresh));

        // Rotated: the new token is another one, and it works.
        Assert.NotEqual(refresh, rotated);
        Assert.Equal(HttpStatusCode.OK, withRotated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal("invalid_grant", (await MosaicApi.ReadJsonAsync(reuse))["error"]!.GetValue<string>());
        Assert.Equal(3, emulator.Counters.Get(MosaicEmulatorEndpoint.TokenRefresh));
    }

    private static Dictionary<string, string> Exchange(string code, string redirectUri) => new()
    {
        ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri,
        ["client_id"] = MosaicEmulatorDefaults.ClientId, ["client_secret"] = MosaicEmulatorDefaults.ClientSecret,
    };

    /// <summary>send → validate → follow the result: a fresh authorization code for <see cref="MosaicApi.RedirectUri"/>.</summary>
    private static async Task<string> CodeAsync(MosaicEmulator emulator, MosaicApi api, string phone)
    {
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, phone)).EnsureSuccessStatusCode();
        using var validate = await api.ValidateAsync(token, phone, emulator.Outbox.GetLatest(phone)!.Code);
        var code = await api.FollowResultAsync((await MosaicApi.ReadJsonAsync(validate))["result"]!.GetValue<string>());
        Assert.NotEmpty(code);
        return code;
    }
}
