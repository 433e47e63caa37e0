using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.TestHost;
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
        await using var app = await StartClientAppAsync(emulator, MosaicEmulatorIdTokenFault.None);
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
        await using var app = await StartClientAppAsync(emulator, MosaicEmulatorIdTokenFault.None);
        var browser = new TestBrowser(new Uri("https://localhost/"), new Dictionary<string, HttpMessageHandler>
        {
            ["localhost"] = app.GetTestServer().CreateHandler(),
            ["mosaic.emulator.test"] = emulator.CreateHandler(),
        });
        var (phonePage, _) = await browser.NavigateAsync(new Uri("https://localhost/protected"));
        var (codePage, _) = await SubmitAsync(browser, phonePage, new() { ["phone_number"] = Phone });
        await SubmitAsync(browser, codePage, new() { ["passcode"] = (await emulator.Outbox.WaitForMessageAsync(Phone, TestContext.Current)).Code });
        foreach (var cookie in browser.Cookies.GetAllCookies().Where(c => c.Domain == "localhost"))
        {
            cookie.Expired = true;
        }

        var (again, againUri) = await browser.NavigateAsync(new Uri("https://localhost/protected"));

        Assert.Equal("https://localhost/protected", againUri.AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(emulator.Outbox.GetMessages(Phone));
    }

    [Theory]
    [InlineData(MosaicEmulatorIdTokenFault.WrongIssuer)]
    [InlineData(MosaicEmulatorIdTokenFault.WrongAudience)]
    [InlineData(MosaicEmulatorIdTokenFault.Expired)]
    [InlineData(MosaicEmulatorIdTokenFault.AlgNone)]
    [InlineData(MosaicEmulatorIdTokenFault.UnknownKey)]
    [InlineData(MosaicEmulatorIdTokenFault.WrongNonce)]
    [InlineData(MosaicEmulatorIdTokenFault.MissingNonce)]
    [InlineData(MosaicEmulatorIdTokenFault.Hs256WithPublicKey)]
    [InlineData(MosaicEmulatorIdTokenFault.BadSignature)]
    public async Task OpenIdConnect_handler_refuses_a_defective_id_token(MosaicEmulatorIdTokenFault fault)
    {
        await using var emulator = new MosaicEmulator();
        emulator.Faults.IdToken = fault;
        await using var app = await StartClientAppAsync(emulator, fault);
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
    }

    private static async Task<(HttpResponseMessage, Uri)> SubmitAsync(TestBrowser browser, HttpResponseMessage page, Dictionary<string, string> values)
    {
        var html = await page.Content.ReadAsStringAsync();
        var (action, fields) = TestBrowser.ParseForm(html);
        fields.AddRange(values);
        return await browser.NavigateAsync(new Uri(action), HttpMethod.Post, fields);
    }

    private static async Task<WebApplication> StartClientAppAsync(MosaicEmulator emulator, MosaicEmulatorIdTokenFault expectedFault)
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
        app.MapGet("/failed", () => "failed " + expectedFault);
        await app.StartAsync();
        return app;
    }
}
