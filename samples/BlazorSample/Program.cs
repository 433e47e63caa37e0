using BlazorSample;
using BlazorSample.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using SmsOtp.AspNetCore;
using System.Security.Claims;

var builder = WebApplication.CreateBuilder(args);

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
    // The tenant's settings (ClientId, ClientSecret, Region or BaseUrl) come from configuration, as the README says:
    // Authentication:Schemes:MosaicSmsOtp.
    .AddMosaicSmsOtp(options =>
    {
        // Any number may sign in: Mosaic creates the user (the Mosaic application must allow public sign-up).
        options.CreateNewUser = true;
        // Numbers typed without a country code, such as (617) 555-1212, are read as US numbers.
        options.PhoneNumbers.DefaultRegion = "US";
    });
builder.Services.AddAuthorization();

// A standalone emulator on this machine (plain http on loopback, BaseUrl in configuration), as a local cluster of sample
// processes behind one proxy uses: see docs/scale-out.md.
builder.Services.PostConfigure<MosaicSmsOtpOptions>(MosaicSmsOtpDefaults.AuthenticationScheme, options =>
{
    if (options.BaseUrl is { Scheme: "http", IsLoopback: true })
    {
        options.RequireHttpsMetadata = false;
        options.FlowCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    }
});

// Several instances behind one proxy: one Redis for the throttles, the spent flows and the Data Protection key ring.
if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
{
    builder.AddMosaicSmsOtpRedis();
}

// Behind a reverse proxy: the client's address (per-client limits), scheme and host (the callback URL) come from its
// X-Forwarded-* headers; only proxies on loopback are trusted by default (KnownNetworks/KnownProxies to widen).
builder.Services.Configure<ForwardedHeadersOptions>(options =>
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);

// No tenant configured: the Mosaic emulator runs inside this app (no real SMS), so a fresh clone runs as it is.
builder.AddMosaicEmulatorWhenNoTenant();

var app = builder.Build();
app.UseForwardedHeaders();

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

// Embedded mode: the emulator at /mosaic, the SMS it "sent" at /dev/sms, and a start-up warning naming that page.
app.MapMosaicEmulatorWhenNoTenant();

await app.RunAsync();
