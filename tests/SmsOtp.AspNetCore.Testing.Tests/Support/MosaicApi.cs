using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOtp.AspNetCore.Testing.Tests.Support;

/// <summary>Calls the emulator the way a Mosaic client would.</summary>
internal sealed class MosaicApi(HttpClient http)
{
    public const string RedirectUri = "https://localhost/signin-mosaic";

    public HttpClient Http { get; } = http;

    public async Task<string> GetClientTokenAsync(string clientId = MosaicEmulatorDefaults.ClientId, string secret = MosaicEmulatorDefaults.ClientSecret)
    {
        using var response = await TokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret });
        response.EnsureSuccessStatusCode();
        return (await ReadJsonAsync(response))["access_token"]!.GetValue<string>();
    }

    public Task<HttpResponseMessage> TokenAsync(Dictionary<string, string> form) =>
        Http.PostAsync("oidc/token", new FormUrlEncodedContent(form));

    public async Task<HttpResponseMessage> SendAsync(string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "cis/v1/auth/otp/sms") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendAsync(string token, string phone, bool createNewUser = true) =>
        SendAsync(token, new Dictionary<string, object> { ["phone_number"] = phone, ["redirect_uri"] = RedirectUri, ["create_new_user"] = createNewUser });

    public async Task<HttpResponseMessage> ValidateAsync(string token, string phone, string passcode, string? nonce = null)
    {
        var body = new Dictionary<string, object> { ["phone_number"] = phone, ["passcode"] = passcode };
        if (nonce is not null)
        {
            body["nonce"] = nonce;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "cis/v1/auth/otp/sms/validation") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }

    /// <summary>send → validate → follow result → exchange the code. Returns the token response.</summary>
    public async Task<JsonObject> LoginAsync(MosaicEmulatorOutbox outbox, string phone, string? nonce = null, object? claims = null)
    {
        var token = await GetClientTokenAsync();
        var body = new Dictionary<string, object> { ["phone_number"] = phone, ["redirect_uri"] = RedirectUri, ["create_new_user"] = true };
        if (claims is not null)
        {
            body["claims"] = claims;
        }

        using (var send = await SendAsync(token, body))
        {
            send.EnsureSuccessStatusCode();
        }

        var sms = await outbox.WaitForMessageAsync(phone, TestContext.Current);
        using var validate = await ValidateAsync(token, phone, sms.Code, nonce);
        validate.EnsureSuccessStatusCode();
        var result = (await ReadJsonAsync(validate))["result"]!.GetValue<string>();
        var code = await FollowResultAsync(result);
        using var exchange = await TokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = MosaicEmulatorDefaults.ClientId,
            ["client_secret"] = MosaicEmulatorDefaults.ClientSecret,
        });
        exchange.EnsureSuccessStatusCode();
        return await ReadJsonAsync(exchange);
    }

    public async Task<string> FollowResultAsync(string result)
    {
        using var response = await Http.GetAsync(new Uri(result));
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, response.StatusCode);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        return query["code"].ToString();
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static async Task<JsonElement> ReadElementAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}

/// <summary>The test's cancellation: a generous timeout instead of sleeps, so a broken wait fails instead of hanging.</summary>
internal static class TestContext
{
    public static CancellationToken Current => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
