// The Mosaic emulator on Kestrel:
//   dotnet run --project src/SmsOtp.AspNetCore.Testing.Host -- --urls http://127.0.0.1:5099
// Configuration (appsettings, environment, command line) binds the "Emulator" section onto MosaicEmulatorOptions, e.g.
//   --Emulator:Issuer=https://eu.userid.security --Emulator:TestPhoneNumbers:+15555550100=123456
var builder = WebApplication.CreateBuilder(args);

// Loopback only unless told otherwise: the emulator hands out codes and tokens to anyone who asks.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5099");
}

builder.Services.AddMosaicEmulator(options => builder.Configuration.GetSection("Emulator").Bind(options));
var app = builder.Build();
app.MapMosaicEmulator();
app.Run();
