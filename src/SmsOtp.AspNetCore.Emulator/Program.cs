// mosaic-emulator: the Mosaic emulator on Kestrel, as a .NET tool. `mosaic-emulator --help` lists the options.
using SmsOtp.AspNetCore.Emulator;

(Dictionary<string, string?> settings, List<string> rest, bool help) parsed;
try
{
    parsed = EmulatorCommandLine.Parse(args, Environment.GetEnvironmentVariable);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(EmulatorCommandLine.Usage);
    return 2;
}

if (parsed.help)
{
    Console.WriteLine(EmulatorCommandLine.Usage);
    return 0;
}

var builder = WebApplication.CreateBuilder([.. parsed.rest]);
builder.Configuration.AddEnvironmentVariables("MOSAIC_EMULATOR_");
builder.Configuration.AddInMemoryCollection(parsed.settings);

// Loopback only unless told otherwise: the emulator hands out codes and tokens to anyone who asks.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:" + (builder.Configuration["Port"] ?? "5099"));
}

builder.Services.AddMosaicEmulator(options => builder.Configuration.GetSection("Emulator").Bind(options));
builder.Services.AddHealthChecks();
var app = builder.Build();
app.MapHealthChecks("/healthz");
app.MapGet("/", () => Results.Redirect("emulator/inbox"));
app.MapMosaicEmulator();
app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine("Mosaic emulator ready; SMS inbox at " + string.Join(", ", app.Urls.Select(url => url.TrimEnd('/') + "/"))));
await app.RunAsync();
return 0;
