using BlazorSample;
using BlazorSample.Components;
using BlazorSample.Mosaic;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore;
using SmsOtp.AspNetCore.Testing;
using System.Security.Claims;

var builder = WebApplication.CreateBuilder(args);

// No Mosaic credentials configured: embedded mode (the app hosts the Mosaic emulator itself). Credentials: real mode.
var mode = MosaicMode.FromConfiguration(builder.Configuration);
builder.Services.AddSingleton(mode);

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents()
    .AddInteractiveWebAssemblyComponents()
    // The signed-in user goes with the prerendered page to the WebAssembly pages (BlazorSample.Client). All claims,
    // not only name and role: the profile pages show the phone number.
    .AddAuthenticationStateSerialization(options => options.SerializeAllClaims = true);

// <AuthorizeView>, AuthorizeRouteView and [CascadingParameter] Task<AuthenticationState>, as the template's
// "Individual accounts" option wires them.
builder.Services.AddCascadingAuthenticationState();

// The session is a cookie; signing in (the challenge) is an SMS code through Mosaic, on the pages at /signin-sms.
builder.Services.AddAuthentication(options =>
    {
        options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        options.DefaultChallengeScheme = MosaicSmsOtpDefaults.AuthenticationScheme;
    })
    .AddCookie()
    .AddMosaicSmsOtp(options =>
    {
        // Any number may sign in: Mosaic creates the user (the Mosaic application must allow public sign-up).
        options.CreateNewUser = true;
        // Numbers typed without a country code, such as (617) 555-1212, are read as US numbers.
        options.PhoneNumbers.DefaultRegion = "US";
        if (mode.IsEmbedded)
        {
            options.ClientId = MosaicEmulatorDefaults.ClientId;
            options.ClientSecret = MosaicEmulatorDefaults.ClientSecret;
            // The emulator runs on this app's own plain-http port; BaseUrl is set by EmbeddedMosaicBaseUrl below.
            options.RequireHttpsMetadata = false;
            options.FlowCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
        else
        {
            options.ClientId = builder.Configuration[MosaicMode.ClientIdKey];
            options.ClientSecret = builder.Configuration[MosaicMode.ClientSecretKey];
            options.Region = MosaicMode.RegionFrom(builder.Configuration);
            if (builder.Configuration[MosaicMode.BaseUrlKey] is { Length: > 0 } baseUrl)
            {
                options.BaseUrl = new Uri(baseUrl, UriKind.Absolute);
            }
        }
    });
builder.Services.AddAuthorization();

if (mode.IsEmbedded)
{
    builder.Services.AddMosaicEmulator();
    builder.Services.AddSingleton<IConfigureOptions<MosaicSmsOtpOptions>, EmbeddedMosaicBaseUrl>();
    builder.Services.AddSingleton<IOptionsChangeTokenSource<MosaicSmsOtpOptions>, ServerStartedChangeTokenSource>();
}

var app = builder.Build();

if (app.Environment.IsDevelopment())
{
    app.UseWebAssemblyDebugging();
}
else
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

// Before antiforgery and the components: the handler serves /signin-sms itself, and [Authorize] pages challenge it.
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .AddInteractiveWebAssemblyRenderMode()
    .AddAdditionalAssemblies(typeof(BlazorSample.Client._Imports).Assembly);

// A JSON API for scripts: signed out, a fetch gets the handler's 401 (a script cannot follow a sign-in page).
app.MapGet("/api/me", (ClaimsPrincipal user) => new
{
    phoneNumber = user.FindFirst(ClaimTypes.MobilePhone)?.Value,
    userId = user.FindFirst(ClaimTypes.NameIdentifier)?.Value,
}).RequireAuthorization();

// The nav menu's "Sign in" link: a challenge that returns to the page it was clicked on.
app.MapGet("/signin", (string? returnUrl) => TypedResults.Challenge(
    new AuthenticationProperties { RedirectUri = LocalUrl.OrRoot(returnUrl) }, [MosaicSmsOtpDefaults.AuthenticationScheme]));

// The nav menu's "Sign out" form: a POST with the antiforgery token (binding the form makes UseAntiforgery check it).
app.MapPost("/signout", async (HttpContext context, [FromForm] string? returnUrl) =>
{
    await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    return TypedResults.LocalRedirect(LocalUrl.OrRoot(returnUrl));
});

if (mode.IsEmbedded)
{
    app.MapMosaicEmulator(MosaicMode.EmulatorPath);
    EmulatorModeAnnouncement.LogOnStart(app);
}

await app.RunAsync();
