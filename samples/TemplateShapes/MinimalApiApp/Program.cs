using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using SmsOtp.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

// SMS sign-in, as the README says; the Mosaic settings come from configuration (Authentication:Schemes:MosaicSmsOtp).
builder.Services.AddAuthentication(o =>
    {
        o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        o.DefaultChallengeScheme = MosaicSmsOtpDefaults.AuthenticationScheme;
    })
    .AddCookie()
    .AddMosaicSmsOtp();
builder.Services.AddAuthorization();
builder.Services.AddAntiforgery();

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapGet("/", () => "Hello World!");

// A protected endpoint: signed out, a browser is sent to the phone page and back here once signed in.
app.MapGet("/me", (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
{
    var tokens = antiforgery.GetAndStoreTokens(context);
    var name = System.Net.WebUtility.HtmlEncode(context.User.FindFirst(System.Security.Claims.ClaimTypes.MobilePhone)?.Value);
    return Results.Content(
        $"""
        <!DOCTYPE html><html lang="en"><head><title>Me</title></head><body>
        <p data-testid="signed-in-as">Signed in as {name}</p>
        <form method="post" action="/signout"><input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}"><button>Sign out</button></form>
        </body></html>
        """, "text/html");
}).RequireAuthorization();

// Signing out is a POST with the antiforgery token (UseAntiforgery checks it for endpoints that read a form).
app.MapPost("/signout", async (HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
{
    await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    return Results.LocalRedirect("/");
});

app.Run();
