using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using MvcSample;
using MvcSample.DevSms;

var builder = WebApplication.CreateBuilder(args);

// No Mosaic credentials configured: embedded mode (the app hosts the Mosaic emulator itself). Credentials: real mode.
var mode = MosaicMode.FromConfiguration(builder.Configuration);
builder.Services.AddSingleton(mode);

var mvc = builder.Services.AddControllersWithViews(options =>
    // Every unsafe method (POST /signout and any form) must carry the antiforgery token.
    options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));

// Phase 2 adds SMS sign-in here: .AddMosaicSmsOtp(...), whose pages live under /signin-sms.
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options => options.LoginPath = "/signin-sms");

if (mode.IsEmbedded)
{
    // Phase 2: adapt the emulator's MosaicEmulatorOutbox to IDevSmsSource instead.
    builder.Services.AddSingleton<IDevSmsSource, EmptyDevSmsSource>();
}
else
{
    mvc.ConfigureApplicationPartManager(parts => parts.FeatureProviders.Add(new DevSmsControllerRemoval()));
}

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
}

app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();

if (mode.IsEmbedded)
{
    EmulatorModeAnnouncement.LogOnStart(app);
}

await app.RunAsync();

/// <summary>Visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
