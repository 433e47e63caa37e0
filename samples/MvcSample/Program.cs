using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using MvcSample;
using MvcSample.Components;
using MvcSample.Localization;
using MvcSample.DevSms;
using SmsOtp.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

// No Mosaic credentials configured (Mosaic:ClientId): embedded mode, the app hosts the Mosaic emulator itself and the
// handler uses it. Credentials: real mode.
var mode = new MosaicMode(builder.AddMosaicEmulatorWhenNoTenant(MosaicMode.Section));
builder.Services.AddSingleton(mode);

var mvc = builder.Services.AddControllersWithViews(options =>
    // Every unsafe method (POST /signout and any form) must carry the antiforgery token.
    options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));

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
        // The sign-in pages carry the sample's name and its layout (with the language picker); light or dark as the system.
        options.Pages.DisplayName = "SMS sign-in sample";
        options.Pages.HomeUrl = "/";
        options.Pages.Layout = typeof(SignInLayout);
        if (!mode.IsEmbedded)
        {
            options.ClientId = builder.Configuration[MosaicMode.ClientIdKey];
            options.ClientSecret = builder.Configuration[MosaicMode.ClientSecretKey];
            options.Region = MosaicMode.RegionFrom(builder.Configuration);
            if (builder.Configuration[MosaicMode.BaseUrlKey] is { Length: > 0 } baseUrl)
            {
                options.BaseUrl = new Uri(baseUrl, UriKind.Absolute);

                // A standalone emulator on this machine (plain http on loopback), as a local cluster of sample processes
                // behind one proxy uses: see docs/scale-out.md.
                if (options.BaseUrl is { Scheme: "http", IsLoopback: true })
                {
                    options.RequireHttpsMetadata = false;
                    options.FlowCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                }
            }
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

if (mode.IsEmbedded)
{
    builder.Services.AddSingleton<IDevSmsSource, EmulatorOutboxDevSmsSource>();
}
else
{
    mvc.ConfigureApplicationPartManager(parts => parts.FeatureProviders.Add(new DevSmsControllerRemoval()));
}

// The sign-in pages (and the SMS) follow the request culture: the picker's cookie, else Accept-Language, else English.
builder.Services.Configure<RequestLocalizationOptions>(SampleCultures.Configure);
builder.Services.AddHttpContextAccessor();

var app = builder.Build();
app.UseForwardedHeaders();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
}

app.UseStaticFiles();
app.UseRouting();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();

// Embedded mode: the emulator at /mosaic and a start-up warning naming /dev/sms (DevSmsController's page).
app.MapMosaicEmulatorWhenNoTenant(devSmsPath: null);

await app.RunAsync();

/// <summary>Visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
