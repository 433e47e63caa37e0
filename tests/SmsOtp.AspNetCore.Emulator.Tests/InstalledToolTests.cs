using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SmsOtp.AspNetCore.Emulator.Tests;

/// <summary>
/// The tool as a user gets it: packed to a local folder feed, installed with <c>dotnet tool install</c>, started as
/// <c>mosaic-emulator</c>, then a whole sign-in against it over loopback (issue #11 item 4). One pack and one install
/// per run (the fixture); each process is bounded by a timeout and killed at the end.
/// </summary>
public sealed partial class InstalledToolTests(InstalledToolFixture tool) : IClassFixture<InstalledToolFixture>
{
    private const string RedirectUri = "http://127.0.0.1/signin-sms/callback";

    [Fact]
    public async Task Installed_tool_serves_health_inbox_and_a_whole_sign_in_configured_from_the_command_line_and_environment()
    {
        var port = FreePort();
        await using var emulator = await tool.StartAsync(
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--client", "web:web-secret", "--test-number", "+15555550100=246810"],
            new Dictionary<string, string> { ["MOSAIC_EMULATOR_USERS"] = "+15555550100=u-tool" });
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var health = await http.GetAsync("healthz");
        using var root = await http.GetAsync("");
        var token = await TokenAsync(http, new() { ["grant_type"] = "client_credentials", ["client_id"] = "web", ["client_secret"] = "web-secret" });
        using (var send = await PostJsonAsync(http, "cis/v1/auth/otp/sms", token, new { phone_number = "+15555550100", redirect_uri = RedirectUri, create_new_user = false }))
        {
            Assert.Equal(HttpStatusCode.OK, send.StatusCode);
        }

        var inbox = await http.GetStringAsync("emulator/inbox");
        var outbox = await http.GetFromJsonAsync<JsonElement>("emulator/outbox?phone=%2B15555550100");
        var code = outbox[0].GetProperty("code").GetString()!;
        using var validate = await PostJsonAsync(http, "cis/v1/auth/otp/sms/validation", token, new { phone_number = "+15555550100", passcode = code, nonce = "n-tool" });
        var result = (await validate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString()!;
        using var hop = await http.GetAsync(new Uri(result));
        var authorizationCode = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(hop.Headers.Location!.Query)["code"].ToString();
        var tokens = await http.PostAsync("oidc/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = authorizationCode, ["redirect_uri"] = RedirectUri, ["client_id"] = "web", ["client_secret"] = "web-secret",
        }));
        var idToken = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await tokens.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id_token").GetString()!);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("246810", code);
        Assert.Matches(CodeOnInbox(), inbox);
        Assert.Contains("http-equiv=\"refresh\"", inbox, StringComparison.Ordinal);
        Assert.Equal("u-tool", idToken.Subject);
        Assert.Equal("n-tool", idToken.GetClaim("nonce").Value);
    }

    [Fact]
    public async Task Dnx_runs_the_tool_from_the_feed_without_installing_it_and_passes_it_the_options()
    {
        var port = FreePort();
        await using var emulator = await tool.StartWithDnxAsync(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--client", "dnx:dnx-secret"]);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var health = await http.GetAsync("healthz");
        var token = await TokenAsync(http, new() { ["grant_type"] = "client_credentials", ["client_id"] = "dnx", ["client_secret"] = "dnx-secret" });

        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.NotEmpty(token);
    }

    [Fact]
    public async Task Help_lists_the_options_and_a_bad_option_exits_2()
    {
        var help = await tool.RunToCompletionAsync(["--help"]);
        var bad = await tool.RunToCompletionAsync(["--client", "no-secret"]);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--test-number", help.Output, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
    }

    private static async Task<string> TokenAsync(HttpClient http, Dictionary<string, string> form)
    {
        using var response = await http.PostAsync("oidc/token", new FormUrlEncodedContent(form));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("<div class=\"code\">246810</div>")]
    private static partial Regex CodeOnInbox();
}
