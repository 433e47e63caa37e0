using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace SmsOtp.AspNetCore.Testing.Tests;

/// <summary>The test sign-in helper against a real app under WebApplicationFactory (issue #11 item 1), with xunit v2.</summary>
public sealed class SignInHelperTests
{
    private const string Phone = "+16175551212";

    [Fact]
    public async Task One_call_points_the_app_at_the_emulator_and_signs_in_with_the_sms_code()
    {
        await using var mosaic = new MosaicEmulator(o => o.Users.Add(new MosaicEmulatorUser { UserId = "u-1", PhoneNumber = Phone }));
        await using var factory = new WebApplicationFactory<Program>();
        var app = factory.WithMosaicEmulator(mosaic);

        var signIn = await app.SignInWithSmsAsync(mosaic, Phone, returnUrl: "/account");

        Assert.True(signIn.Succeeded);
        Assert.Equal("/account", signIn.Url.AbsolutePath);
        Assert.Equal("signed in as " + Phone, signIn.Html);
        Assert.Equal(Phone, signIn.Sms!.PhoneNumber);
        Assert.Contains(signIn.Claims, claim => claim.Type == MosaicSmsOtpClaims.PhoneNumber && claim.Value == Phone);
        Assert.Contains(signIn.Claims, claim => claim.Type == System.Security.Claims.ClaimTypes.NameIdentifier && claim.Value == "u-1");
        Assert.Equal("signed in as " + Phone, await signIn.Client.GetStringAsync("/account"));
        Assert.Equal(1, mosaic.Counters.Get(MosaicEmulatorEndpoint.TokenAuthorizationCode));
    }

    [Fact]
    public async Task Every_mosaic_scheme_is_pointed_at_the_emulator_whatever_its_name()
    {
        await using var mosaic = new MosaicEmulator();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureServices(services =>
            services.AddAuthentication().AddMosaicSmsOtp("Staff", o =>
            {
                o.ClientId = "someone-elses";
                o.ClientSecret = "secret";
                o.Region = MosaicRegion.EU;
                o.SignInPath = "/staff/signin";
                o.VerifyPath = "/staff/verify";
                o.ResendPath = "/staff/resend";
                o.CallbackPath = "/staff/callback";
                o.CreateNewUser = true;
            })));
        var app = factory.WithMosaicEmulator(mosaic);

        using var browser = app.CreateMosaicBrowser(mosaic, "Staff");
        var signIn = await browser.SignInAsync("+16175550123");
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<MosaicSmsOtpOptions>>();

        Assert.True(signIn.Succeeded);
        foreach (var scheme in new[] { MosaicSmsOtpDefaults.AuthenticationScheme, "Staff" })
        {
            Assert.Equal(mosaic.BaseAddress, options.Get(scheme).BaseUrl);
            Assert.Equal(MosaicEmulatorDefaults.ClientId, options.Get(scheme).ClientId);
            Assert.True(options.Get(scheme).RequireHttpsMetadata);
        }
    }

    [Fact]
    public async Task Unknown_number_without_create_new_user_fails_at_once_with_the_emulators_reason()
    {
        await using var mosaic = new MosaicEmulator();
        await using var factory = new WebApplicationFactory<Program>();
        var app = factory.WithMosaicEmulator(mosaic);
        using var browser = app.CreateMosaicBrowser(mosaic);

        var failure = await Assert.ThrowsAsync<MosaicSignInException>(() => browser.SignInAsync(Phone));

        Assert.Contains("create_new_user was false", failure.Message, StringComparison.Ordinal);
        Assert.Contains("MosaicEmulatorOptions.Users", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_id_token_fails_with_the_page_the_emulators_faults_and_no_authorization_code()
    {
        await using var mosaic = new MosaicEmulator(o => o.Users.Add(new MosaicEmulatorUser { UserId = "u-4", PhoneNumber = Phone }));
        await using var factory = new WebApplicationFactory<Program>();
        using var browser = factory.WithMosaicEmulator(mosaic).CreateMosaicBrowser(mosaic);
        mosaic.Faults.IdToken = MosaicEmulatorIdTokenFault.WrongNonce;

        var failure = await Assert.ThrowsAsync<MosaicSignInException>(() => browser.SignInAsync(Phone));

        Assert.Contains("answered 400 at " + MosaicSmsOtpDefaults.CallbackPath + ",", failure.Message, StringComparison.Ordinal);
        Assert.Contains("The page says: \"", failure.Message, StringComparison.Ordinal);
        Assert.Contains("(MosaicEmulator.Faults.IdToken): WrongNonce.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("events 1011 and 1017", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_code_leaves_the_browser_on_the_code_page_signed_out_and_the_right_one_still_works()
    {
        await using var mosaic = new MosaicEmulator(o => o.Users.Add(new MosaicEmulatorUser { UserId = "u-2", PhoneNumber = Phone }));
        await using var factory = new WebApplicationFactory<Program>();
        using var browser = factory.WithMosaicEmulator(mosaic).CreateMosaicBrowser(mosaic);

        var attempt = await browser.StartSignInAsync(Phone);
        var wrong = await attempt.SubmitCodeAsync(attempt.Sms!.Code == "000000" ? "111111" : "000000");
        var right = await attempt.SubmitCodeAsync(attempt.Sms.Code);

        Assert.True(attempt.CodeSent);
        Assert.False(wrong.Succeeded);
        Assert.Empty(wrong.Claims);
        Assert.Equal(MosaicSmsOtpDefaults.VerifyPath, wrong.Url.AbsolutePath);
        Assert.True(right.Succeeded);
    }

    [Fact]
    public async Task Mosaic_fault_on_send_is_reported_by_the_attempt()
    {
        await using var mosaic = new MosaicEmulator(o => o.Users.Add(new MosaicEmulatorUser { UserId = "u-3", PhoneNumber = Phone }));
        await using var factory = new WebApplicationFactory<Program>();
        using var browser = factory.WithMosaicEmulator(mosaic).CreateMosaicBrowser(mosaic);
        mosaic.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = 503, Times = 1 });

        var attempt = await browser.StartSignInAsync(Phone);

        Assert.False(attempt.CodeSent);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, attempt.StatusCode);
        Assert.Equal("an injected fault answered HTTP 503", attempt.Sms!.NotDeliveredReason);
    }

    [Fact]
    public async Task Throttled_resend_sends_nothing_and_says_so()
    {
        await using var mosaic = new MosaicEmulator(o => o.Users.Add(new MosaicEmulatorUser { UserId = "u-4", PhoneNumber = Phone }));
        await using var factory = new WebApplicationFactory<Program>();
        using var browser = factory.WithMosaicEmulator(mosaic).CreateMosaicBrowser(mosaic);

        var attempt = await browser.StartSignInAsync(Phone);
        var resend = await attempt.ResendAsync();

        Assert.True(attempt.CodeSent);
        Assert.False(resend.CodeSent);
        Assert.Null(resend.Sms);
        Assert.Equal(HttpStatusCode.TooManyRequests, resend.StatusCode);
        Assert.Single(mosaic.Outbox.GetSendAttempts(Phone));
    }

    [Fact]
    public async Task The_browser_also_works_on_a_plain_test_server()
    {
        await using var mosaic = new MosaicEmulator();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(o => { o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme; o.DefaultChallengeScheme = MosaicSmsOtpDefaults.AuthenticationScheme; })
            .AddCookie().AddMosaicSmsOtp(o => o.CreateNewUser = true);
        builder.Services.AddMosaicEmulatorBackchannel(mosaic);
        await using var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/", () => "home");
        await app.StartAsync();
        using var browser = new MosaicTestBrowser(mosaic, app.GetTestServer().CreateHandler());

        var signIn = await browser.SignInAsync("+16175550999");

        Assert.True(signIn.Succeeded);
        Assert.Equal("home", signIn.Html);
    }
}
