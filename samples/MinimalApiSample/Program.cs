// The README's registration, whole: a minimal-API app with cookie sessions and SMS sign-in. Its tests (and the
// README's test snippet) run it under WebApplicationFactory against the in-process Mosaic emulator.
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using SmsOtp.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

#region registration
builder.Services.AddAuthentication(o =>
    {
        o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        o.DefaultChallengeScheme = MosaicSmsOtpDefaults.AuthenticationScheme;
    })
    .AddCookie()
    .AddMosaicSmsOtp(o => { o.ClientId = "..."; o.ClientSecret = "..."; });
#endregion

builder.Services.AddAuthorization();
var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/", () => "home");
app.MapGet("/account", (ClaimsPrincipal user) => "signed in as " + user.FindFirst(MosaicSmsOtpClaims.PhoneNumber)?.Value)
    .RequireAuthorization();
app.Run();

/// <summary>The entry point, public for <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
