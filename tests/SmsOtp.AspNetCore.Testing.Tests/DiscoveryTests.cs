using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SmsOtp.AspNetCore.Testing.Tests.Support;

namespace SmsOtp.AspNetCore.Testing.Tests;

public sealed class DiscoveryTests
{
    [Theory]
    [InlineData("cis/oidc/.well-known/openid-configuration")]
    [InlineData("oidc/.well-known/openid-configuration")]
    public async Task Discovery_lists_the_endpoints_under_the_public_base(string path)
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();

        var document = JsonDocument.Parse(await http.GetStringAsync(path)).RootElement;

        Assert.Equal("https://userid.security", document.GetProperty("issuer").GetString());
        Assert.Equal("https://mosaic.emulator.test/cis/oidc/auth", document.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("https://mosaic.emulator.test/oidc/token", document.GetProperty("token_endpoint").GetString());
        Assert.Equal("https://mosaic.emulator.test/cis/oidc/me", document.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal("https://mosaic.emulator.test/cis/oidc/jwks", document.GetProperty("jwks_uri").GetString());
        Assert.Equal(["RS256"], document.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.True(document.GetProperty("claims_parameter_supported").GetBoolean());
        Assert.Equal(1, emulator.Counters.Get(MosaicEmulatorEndpoint.Discovery));
    }

    [Fact]
    public async Task Public_base_address_overrides_the_request()
    {
        await using var emulator = new MosaicEmulator(options => options.PublicBaseAddress = new Uri("https://idp.example/tenant/"));
        using var http = emulator.CreateClient();

        var document = JsonDocument.Parse(await http.GetStringAsync("cis/oidc/.well-known/openid-configuration")).RootElement;

        // Every endpoint, not one: a client follows each of them.
        Assert.Equal("https://idp.example/tenant/cis/oidc/auth", document.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("https://idp.example/tenant/oidc/token", document.GetProperty("token_endpoint").GetString());
        Assert.Equal("https://idp.example/tenant/cis/oidc/me", document.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal("https://idp.example/tenant/cis/oidc/jwks", document.GetProperty("jwks_uri").GetString());
        Assert.Equal("https://idp.example/tenant/oidc/token/revocation", document.GetProperty("revocation_endpoint").GetString());
    }

    [Theory]
    [InlineData("cis/oidc/jwks")]
    [InlineData("oidc/jwks")]
    public async Task Jwks_publishes_the_rs256_signing_key_and_the_es256_access_token_key(string path)
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();

        var json = await http.GetStringAsync(path);
        var keys = new JsonWebKeySet(json).Keys;
        Assert.Equal(2, keys.Count);
        var key = keys[0];
        var ec = keys[1];
        Assert.Equal(("EC", "sig", "ES256", "P-256", emulator.Keys.AccessTokenKeyId), (ec.Kty, ec.Use, ec.Alg, ec.Crv, ec.Kid));

        Assert.Equal("RSA", key.Kty);
        Assert.Equal("sig", key.Use);
        Assert.Equal("RS256", key.Alg);
        Assert.Equal(emulator.Keys.CurrentKeyId, key.Kid);
        Assert.NotEmpty(key.N);
        Assert.Equal("AQAB", key.E);
        Assert.Equal(1, emulator.Counters.Get(MosaicEmulatorEndpoint.Jwks));
    }

    [Fact]
    public async Task Id_token_verifies_with_the_jwks_and_carries_the_sms_claims()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var claims = new { id_token = new Dictionary<string, object?> { ["phone_number"] = null, ["phone_number_verified"] = null, ["new_user"] = null } };

        var tokens = await api.LoginAsync(emulator.Outbox, "+16175554000", nonce: "n-123", claims: claims);
        var result = await ValidateAsync(api.Http, tokens["id_token"]!.GetValue<string>(), MosaicEmulatorDefaults.ClientId);

        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("n-123", jwt.GetClaim("nonce").Value);
        Assert.Equal("+16175554000", jwt.GetClaim("phone_number").Value);
        Assert.Equal("true", jwt.GetClaim("phone_number_verified").Value);
        Assert.Equal("true", jwt.GetClaim("new_user").Value);
        Assert.Equal(MosaicEmulatorDefaults.TenantId, jwt.GetClaim("tid").Value);
        Assert.Equal("sms", jwt.GetClaim("amr").Value);
        Assert.True(jwt.TryGetPayloadValue<long>("auth_time", out _));
    }

    [Fact]
    public async Task Phone_claims_are_only_returned_when_requested()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());

        var tokens = await api.LoginAsync(emulator.Outbox, "+16175554001");
        var jwt = new JsonWebToken(tokens["id_token"]!.GetValue<string>());

        Assert.False(jwt.TryGetClaim("phone_number", out _));
        Assert.False(jwt.TryGetClaim("new_user", out _));
        Assert.False(jwt.TryGetClaim("nonce", out _));
    }

    [Fact]
    public async Task Rotated_key_signs_new_tokens_and_a_retired_key_is_refused()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var oldKid = emulator.Keys.CurrentKeyId;
        var before = (await api.LoginAsync(emulator.Outbox, "+16175554002"))["id_token"]!.GetValue<string>();

        var newKid = emulator.Keys.Rotate();
        var after = (await api.LoginAsync(emulator.Outbox, "+16175554002"))["id_token"]!.GetValue<string>();
        var bothPublished = await ValidateAsync(api.Http, before, MosaicEmulatorDefaults.ClientId);
        Assert.True(emulator.Keys.Retire(oldKid));
        var afterRetire = await ValidateAsync(api.Http, after, MosaicEmulatorDefaults.ClientId);
        var retired = await ValidateAsync(api.Http, before, MosaicEmulatorDefaults.ClientId);

        Assert.Equal(newKid, new JsonWebToken(after).Kid);
        Assert.Equal([newKid], emulator.Keys.PublishedKeyIds);
        Assert.True(bothPublished.IsValid);
        Assert.True(afterRetire.IsValid);
        Assert.False(retired.IsValid);
        Assert.IsType<SecurityTokenSignatureKeyNotFoundException>(retired.Exception);
    }

    [Fact]
    public async Task Emulators_of_one_process_start_with_one_key_pair_under_kids_of_their_own_and_outlive_each_other()
    {
        var first = new MosaicEmulator();
        await using var second = new MosaicEmulator();
        var firstKey = await PublishedRsaKeyAsync(first.CreateClient());
        var secondKey = await PublishedRsaKeyAsync(second.CreateClient());
        await first.DisposeAsync();

        var api = new MosaicApi(second.CreateClient());
        var signed = (await api.LoginAsync(second.Outbox, "+16175554004"))["id_token"]!.GetValue<string>();
        var rotated = second.Keys.Rotate();
        var rotatedKey = new JsonWebKeySet(await api.Http.GetStringAsync("cis/oidc/jwks")).Keys.Single(key => key.Kid == rotated);

        Assert.Equal(firstKey.N, secondKey.N);
        Assert.NotEqual(firstKey.Kid, secondKey.Kid);
        Assert.True((await ValidateAsync(api.Http, signed, MosaicEmulatorDefaults.ClientId)).IsValid);
        Assert.NotEqual(secondKey.N, rotatedKey.N);
    }

    private static async Task<JsonWebKey> PublishedRsaKeyAsync(HttpClient http) =>
        new JsonWebKeySet(await http.GetStringAsync("cis/oidc/jwks")).Keys.Single(key => key.Kty == "RSA");

    [Fact]
    public async Task Userinfo_returns_the_phone_for_a_user_access_token_and_401_otherwise()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var tokens = await api.LoginAsync(emulator.Outbox, "+16175554003");
        using var request = new HttpRequestMessage(HttpMethod.Get, "cis/oidc/me");
        request.Headers.Authorization = new("Bearer", tokens["access_token"]!.GetValue<string>());
        using var clientTokenRequest = new HttpRequestMessage(HttpMethod.Get, "cis/oidc/me");
        clientTokenRequest.Headers.Authorization = new("Bearer", await api.GetClientTokenAsync());

        using var response = await api.Http.SendAsync(request);
        using var refused = await api.Http.SendAsync(clientTokenRequest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await MosaicApi.ReadJsonAsync(response);
        Assert.Equal("+16175554003", body["phone_number"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("""{"message":"Invalid token","error_code":401}""", await refused.Content.ReadAsStringAsync());
    }

    internal static async Task<TokenValidationResult> ValidateAsync(HttpClient http, string token, string audience)
    {
        var keys = new JsonWebKeySet(await http.GetStringAsync("cis/oidc/jwks")).GetSigningKeys();
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = MosaicEmulatorDefaults.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
    }
}
