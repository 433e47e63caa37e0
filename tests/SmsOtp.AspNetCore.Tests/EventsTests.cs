using System.Net;
using System.Security.Claims;
using SmsOtp.AspNetCore.Tests.Infrastructure;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests;

/// <summary>The events fire at their step and can change what happens.</summary>
public sealed class EventsTests
{
    [Fact]
    public async Task SendingCode_can_change_the_SMS_text_per_request()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.Events.OnSendingCode = context =>
        {
            context.CustomMessage = "Votre code {app} : {otp}";
            return Task.CompletedTask;
        });
        var browser = app.CreateBrowser();

        await browser.StartAndSendCodeAsync();

        Assert.StartsWith("Votre code ", app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_event_fires_once_at_its_step_of_a_sign_in_with_one_wrong_code()
    {
        var fired = new List<string>();
        await using var app = await SmsOtpTestApp.StartAsync(handler: o =>
        {
            o.Events.OnSendingCode = c => Record(fired, "SendingCode:" + c.PhoneNumber);
            o.Events.OnCodeSent = c => Record(fired, $"CodeSent:{c.PhoneNumber}:{c.IsResend}");
            o.Events.OnCodeValidationFailed = c => Record(fired, "CodeValidationFailed:" + c.Failure);
            o.Events.OnTokenResponseReceived = c => Record(fired, "TokenResponseReceived:" + (c.TokenResponse.IdToken.Length > 0));
            o.Events.OnTokenValidated = c => Record(fired, "TokenValidated:" + c.IdToken.Subject.Length);
            o.Events.OnCreatingTicket = c => Record(fired, "CreatingTicket:" + c.Identity!.FindFirst(ClaimTypes.MobilePhone)!.Value);
            o.Events.OnTicketReceived = c => Record(fired, "TicketReceived");
        });
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();
        using var wrong = await browser.SubmitCodeAsync(codePage, "00000000");

        using var landed = await browser.SubmitCodeAsync(codePage, app.Emulator.Outbox.GetLatest(SignInDriver.PhoneNumber)!.Code, followRedirects: true);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Equal(
            [
                "SendingCode:+16175551212",
                "CodeSent:+16175551212:False",
                "CodeValidationFailed:InvalidCode",
                "TokenResponseReceived:True",
                $"TokenValidated:{fired[4].Split(':')[1]}",
                "CreatingTicket:+16175551212",
                "TicketReceived",
            ],
            fired);
    }

    [Fact]
    public async Task TokenValidated_can_refuse_the_sign_in()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.Events.OnTokenValidated = context =>
        {
            context.Fail("this user is blocked");
            return Task.CompletedTask;
        });
        var browser = app.CreateBrowser();

        using var response = await browser.SignInAsync(app);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(browser.CookieValue(SmsOtpTestApp.AppBase, ".AspNetCore.Cookies"));
    }

    [Fact]
    public async Task CreatingTicket_can_add_claims_to_the_signed_in_user()
    {
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.Events.OnCreatingTicket = context =>
        {
            context.Identity!.AddClaim(new Claim("app_role", "member"));
            return Task.CompletedTask;
        });
        var browser = app.CreateBrowser();
        using var landed = await browser.SignInAsync(app);

        using var whoami = await browser.GetAsync("/whoami");

        Assert.Contains("\"app_role\"", await whoami.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_events_class_from_DI_through_EventsType_is_used()
    {
        await using var app = await SmsOtpTestApp.StartAsync(
            handler: o => o.EventsType = typeof(TaggingEvents),
            services: s => s.AddScoped<TaggingEvents>());
        var browser = app.CreateBrowser();
        using var landed = await browser.SignInAsync(app);

        using var whoami = await browser.GetAsync("/whoami");

        Assert.Contains("\"from-di-events\"", await whoami.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_sees_the_decision_and_can_let_the_request_through()
    {
        SmsOtpThrottleReason? seen = null;
        await using var app = await SmsOtpTestApp.StartAsync(handler: o => o.Events.OnThrottling = context =>
        {
            seen = context.Decision.Reason;
            context.AllowRequest = context.PhoneNumber == SignInDriver.PhoneNumber;
            return Task.CompletedTask;
        });
        var browser = app.CreateBrowser();
        var codePage = await browser.StartAndSendCodeAsync();

        using var resent = await browser.PostFormAsync("/signin-sms/resend", [new("__RequestVerificationToken", TestBrowser.AntiforgeryToken(codePage))], followRedirects: false);

        Assert.Equal(SmsOtpThrottleReason.ResendCooldown, seen);
        Assert.Equal(HttpStatusCode.SeeOther, resent.StatusCode);
        Assert.Equal(2, app.Emulator.Outbox.GetMessages(SignInDriver.PhoneNumber).Count);
    }

    private static Task Record(List<string> fired, string entry)
    {
        lock (fired)
        {
            fired.Add(entry);
        }

        return Task.CompletedTask;
    }

    public sealed class TaggingEvents : MosaicSmsOtpEvents
    {
        public override Task CreatingTicket(CreatingTicketContext context)
        {
            context.Identity!.AddClaim(new Claim("from-di-events", "yes"));
            return base.CreatingTicket(context);
        }
    }
}
