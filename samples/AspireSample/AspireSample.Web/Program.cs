// An app whose SMS sign-in is configured from Authentication:Schemes:MosaicSmsOtp (in production: its Mosaic tenant's
// settings; under the AppHost: the emulator's, from WithReference).
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using SmsOtp.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication(o =>
    {
        o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        o.DefaultChallengeScheme = MosaicSmsOtpDefaults.AuthenticationScheme;
    })
    .AddCookie()
    .AddMosaicSmsOtp();
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/", () => "home");
app.MapGet("/account", (ClaimsPrincipal user) => "signed in as " + user.FindFirst(MosaicSmsOtpClaims.PhoneNumber)?.Value)
    .RequireAuthorization();
app.Run();
