using Microsoft.AspNetCore.Authentication.Cookies;
using SmsOtp.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

// Add services to the container.
builder.Services.AddRazorPages();

// SMS sign-in, as the README says: a cookie session, challenged through Mosaic. The Mosaic settings come from
// configuration (Authentication:Schemes:MosaicSmsOtp).
builder.Services.AddAuthentication(o =>
    {
        o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        o.DefaultChallengeScheme = MosaicSmsOtpDefaults.AuthenticationScheme;
    })
    .AddCookie()
    .AddMosaicSmsOtp();

var app = builder.Build();

// Configure the HTTP request pipeline.
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    // The default HSTS value is 30 days. You may want to change this for production scenarios, see https://aka.ms/aspnetcore-hsts.
    app.UseHsts();
}

app.UseHttpsRedirection();

app.UseRouting();

app.UseAuthentication();
app.UseAuthorization();

app.MapStaticAssets();
app.MapRazorPages()
   .WithStaticAssets();

app.Run();
