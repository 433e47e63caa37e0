using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.TestHost;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using SmsOtp.AspNetCore.Testing.Tests.Support;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Testing.Tests;

/// <summary>
/// ASP.NET Core's own OpenID Connect handler, configured only with the emulator's discovery URL and client credentials,
/// logs in through the hosted SMS page and validates the ID token with no special casing.
/// </summary>
public sealed class OpenIdConnectConformanceTests
{
    private const string Phone = "+16175557000";

    [Fact]
    public async Task OpenIdConnect_handler_completes_a_code_flow_login_through_the_hosted_page()
    {
        await using var emulator = new MosaicEmulator();
        await using var app = await StartClientAppAsync(emulator);
        var browser = new TestBrowser(new Uri("https://localhost/"), new Dictionary<string, HttpMessageHandler>
        {
            ["localhost"] = app.GetTestServer().CreateHandler(),
            ["mosaic.emulator.test"] = emulator.CreateHandler(),
        });

        var (phonePage, phonePageUri) = await browser.NavigateAsync(new Uri("https://localhost/protected"));
        Assert.Equal("mosaic.emulator.test", phonePageUri.Host);
        var (codePage, _) = await SubmitAsync(browser, phonePage, new() { ["phone_number"] = Phone });
        var sms = await emulator.Outbox.WaitForMessageAsync(Phone, TestContext.Current);
        var (final, finalUri) = await SubmitAsync(browser, codePage, new() { ["passcode"] = sms.Code });

        Assert.Equal("https://localhost/protected", finalUri.AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
        Assert.StartsWith("hello u", await final.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
        Assert.True(emulator.Counters.Get(MosaicEmulatorEndpoint.Jwks) >= 1);
    }

    [Fact]
    public async Task Second_login_reuses_the_sso_session_without_a_new_sms()
    {
        await using var emulator = new MosaicEmulator();
        await using var app = await StartClientAppAsync(emulator);
        var browser = new TestBrowser(new Uri("https://localhost/"), new Dictionary<string, HttpMessageHandler>
        {
            ["localhost"] = app.GetTestServer().CreateHandler(),
            ["mosaic.emulator.test"] = emulator.CreateHandler(),
        });
        var (phonePage, _) = await browser.NavigateAsync(new Uri("https://localhost/protected"));
        var (codePage, _) = await SubmitAsync(browser, phonePage, new() { ["phone_number"] = Phone });
        await SubmitAsync(browser, codePage, new() { ["passcode"] = (await emulator.Outbox.WaitForMessageAsync(Phone, TestContext.Current)).Code });
        var appCookies = browser.Cookies.GetAllCookies().Where(c => c.Domain == "localhost").ToList();
        Assert.Contains(appCookies, c => c.Name == ".AspNetCore.Cookies");   // the app's session is among those ended
        foreach (var cookie in appCookies)
        {
            cookie.Expired = true;
        }

        var exchanged = emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode);
        browser.History.Clear();
        var (again, againUri) = await browser.NavigateAsync(new Uri("https://localhost/protected"));

        // Signed in again through the emulator (a new code exchanged) on its SSO session alone: no page, no SMS.
        Assert.Equal("https://localhost/protected", againUri.AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.StartsWith("hello u", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(browser.History, u => u.Host == "mosaic.emulator.test" && u.AbsolutePath == "/cis/oidc/auth");
        Assert.Equal(exchanged + 1, emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
        Assert.Single(emulator.Outbox.GetMessages(Phone));
    }

    // Each fault with the exception the platform's handler must refuse it with: a refusal for any other reason (the
    // correlation cookie, a failed exchange, a crash) would not show the emulator's defect was there to be found.
    // AlgNone is not among them: for an ID token from the token endpoint the platform's handler requires no signature
    // (RequireSignedTokens = false, OpenID Connect Core §3.1.3.7 step 6), and the emulator's unsigned token only stops it
    // by an ArgumentNullException while checking at_hash with no hash algorithm. The SMS handler refuses it (IdTokenTests).
    [Theory]
    [InlineData(MosaicEmulatorIdTokenFault.WrongIssuer, typeof(SecurityTokenInvalidIssuerException))]
    [InlineData(MosaicEmulatorIdTokenFault.WrongAudience, typeof(SecurityTokenInvalidAudienceException))]
    [InlineData(MosaicEmulatorIdTokenFault.Expired, typeof(SecurityTokenExpiredException))]
    [InlineData(MosaicEmulatorIdTokenFault.UnknownKey, typeof(SecurityTokenSignatureKeyNotFoundException))]
    [InlineData(MosaicEmulatorIdTokenFault.WrongNonce, typeof(OpenIdConnectProtocolInvalidNonceException))]
    [InlineData(MosaicEmulatorIdTokenFault.MissingNonce, typeof(OpenIdConnectProtocolInvalidNonceException))]
    [InlineData(MosaicEmulatorIdTokenFault.Hs256WithPublicKey, typeof(SecurityTokenInvalidSignatureException))]
    [InlineData(MosaicEmulatorIdTokenFault.BadSignature, typeof(SecurityTokenInvalidSignatureException))]
    public async Task OpenIdConnect_handler_refuses_a_defective_id_token(MosaicEmulatorIdTokenFault fault, Type failure)
    {
        await using var emulator = new MosaicEmulator();
        emulator.Faults.IdToken = fault;
        var failures = new List<Exception>();
        await using var app = await StartClientAppAsync(emulator, failures);
        var browser = new TestBrowser(new Uri("https://localhost/"), new Dictionary<string, HttpMessageHandler>
        {
            ["localhost"] = app.GetTestServer().CreateHandler(),
            ["mosaic.emulator.test"] = emulator.CreateHandler(),
        });

        var (phonePage, _) = await browser.NavigateAsync(new Uri("https://localhost/protected"));
        var (codePage, _) = await SubmitAsync(browser, phonePage, new() { ["phone_number"] = Phone });
        var (final, finalUri) = await SubmitAsync(browser, codePage, new() { ["passcode"] = (await emulator.Outbox.WaitForMessageAsync(Phone, TestContext.Current)).Code });

        Assert.Equal("/failed", finalUri.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
        Assert.Equal(1, emulator.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));   // refused once the token came
        Assert.IsType(failure, Assert.Single(failures), exactMatch: true);
    }

    private static async Task<(HttpResponseMessage, Uri)> SubmitAsync(TestBrowser browser, HttpResponseMessage page, Dictionary<string, string> values)
    {
        var html = await page.Content.ReadAsStringAsync();
        var (action, fields) = TestBrowser.ParseForm(html);
        fields.AddRange(values);
        return await browser.NavigateAsync(new Uri(action), HttpMethod.Post, fields);
    }

    private static async Task<WebApplication> StartClientAppAsync(MosaicEmulator emulator, List<Exception>? failures = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer(options => options.BaseAddress = new Uri("https://localhost/"));
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(options =>
            {
                options.Authority = new Uri(emulator.BaseAddress, "cis/oidc").AbsoluteUri;
                options.ClientId = MosaicEmulatorDefaults.ClientId;
                options.ClientSecret = MosaicEmulatorDefaults.ClientSecret;
                options.ResponseType = "code";
                options.BackchannelHttpHandler = emulator.CreateHandler();
                options.Events.OnRemoteFailure = context =>
                {
                    failures?.Add(context.Failure!);
                    context.Response.Redirect("/failed");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/protected", (ClaimsPrincipal user) => "hello " + user.FindFirstValue(ClaimTypes.NameIdentifier)).RequireAuthorization();
        app.MapGet("/failed", () => "failed");
        await app.StartAsync();
        return app;
    }
}
