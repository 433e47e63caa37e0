// The emulator's CPU per sign-in: what one SMS sign-in by our handler costs the in-process emulator (the share our
// users' test suites pay). One sign-in = the handler's three back-channel calls (send, validate, code exchange) plus
// the browser's hop through the validation result URI; the client token is fetched once and reused, as the handler does.
//
//   dotnet run -c Release --project benchmarks/SmsOtp.AspNetCore.Emulator.Benchmarks [-- --sign-ins 2000 --repetitions 3]
//
// It warms up until the CPU per sign-in of two consecutive batches differs by less than 5 % (and for at least 10 s),
// then prints process CPU and allocated bytes per sign-in, min/median/max over the repetitions; then what a test suite
// pays per emulator it starts (a new emulator, its client token and one sign-in), next to the generation of one RSA key
// pair in the same run (what each start paid before the emulators of a process shared their first key pair).
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SmsOtp.AspNetCore.Testing;

var signIns = ReadOption(args, "--sign-ins", 2000);
var repetitions = ReadOption(args, "--repetitions", 3);

await using var emulator = new MosaicEmulator();
using var http = emulator.CreateClient();
var clientToken = await GetClientTokenAsync(http);
var phone = 0L;

Task SignInAsync() => SignInWithAsync(emulator, http, clientToken, "+1555" + Interlocked.Increment(ref phone).ToString("D7", CultureInfo.InvariantCulture));

static async Task SignInWithAsync(MosaicEmulator emulator, HttpClient http, string clientToken, string number)
{
    using (var send = await PostJsonAsync(http, "cis/v1/auth/otp/sms", clientToken, new Dictionary<string, object>
    {
        ["phone_number"] = number,
        ["redirect_uri"] = "https://localhost/signin-sms/callback",
        ["create_new_user"] = true,
        ["claims"] = new { id_token = new Dictionary<string, object?> { ["phone_number"] = null, ["phone_number_verified"] = null, ["new_user"] = null } },
    }))
    {
        send.EnsureSuccessStatusCode();
    }

    var code = emulator.Outbox.GetLatest(number)!.Code;
    string result;
    using (var validate = await PostJsonAsync(http, "cis/v1/auth/otp/sms/validation", clientToken, new Dictionary<string, object> { ["phone_number"] = number, ["passcode"] = code, ["nonce"] = "n-" + number }))
    {
        validate.EnsureSuccessStatusCode();
        result = (await validate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString()!;
    }

    string authorizationCode;
    using (var hop = await http.GetAsync(new Uri(result)))
    {
        var location = hop.Headers.Location!.OriginalString;
        authorizationCode = Uri.UnescapeDataString(location[(location.IndexOf("code=", StringComparison.Ordinal) + 5)..]);
    }

    using var exchange = await http.PostAsync("oidc/token", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "authorization_code",
        ["code"] = authorizationCode,
        ["redirect_uri"] = "https://localhost/signin-sms/callback",
        ["client_id"] = MosaicEmulatorDefaults.ClientId,
        ["client_secret"] = MosaicEmulatorDefaults.ClientSecret,
    }));
    exchange.EnsureSuccessStatusCode();
    _ = await exchange.Content.ReadAsByteArrayAsync();
}

async Task<(double CpuMicroseconds, double Bytes)> MeasureAsync(int count)
{
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
    for (var i = 0; i < count; i++)
    {
        await SignInAsync();
    }

    process.Refresh();
    var cpu = process.TotalProcessorTime - cpuBefore;
    var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
    return (cpu.TotalMicroseconds / count, (double)bytes / count);
}

// Warm-up: until two consecutive batches agree within 5 %, and at least 10 s (tiered JIT, PGO).
var warmup = Stopwatch.StartNew();
var previous = double.MaxValue;
while (true)
{
    var (cpu, _) = await MeasureAsync(200);
    if (warmup.Elapsed > TimeSpan.FromSeconds(10) && Math.Abs(cpu - previous) / previous < 0.05)
    {
        break;
    }

    if (warmup.Elapsed > TimeSpan.FromSeconds(90))
    {
        Console.WriteLine("warm-up did not settle within 90 s; measuring anyway");
        break;
    }

    previous = cpu;
}

Console.WriteLine($"warm-up: {warmup.Elapsed.TotalSeconds:F1} s");
var runs = new List<(double Cpu, double Bytes)>();
for (var r = 0; r < repetitions; r++)
{
    runs.Add(await MeasureAsync(signIns));
}

// What a test suite pays per emulator it starts: a new emulator, its client token and one sign-in, against the
// generation of one 2048-bit RSA key pair measured in the same run (what each start paid before the key was shared).
async Task<double> StartAndSignInCpuMsAsync(int count)
{
    var cpuBefore = ProcessCpu();
    for (var i = 0; i < count; i++)
    {
        await using var fresh = new MosaicEmulator();
        using var freshHttp = fresh.CreateClient();
        await SignInWithAsync(fresh, freshHttp, await GetClientTokenAsync(freshHttp), "+1556" + i.ToString("D7", CultureInfo.InvariantCulture));
    }

    return (ProcessCpu() - cpuBefore).TotalMilliseconds / count;
}

static double KeyGenerationCpuMs(int count)
{
    var cpuBefore = ProcessCpu();
    for (var i = 0; i < count; i++)
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        _ = rsa.ExportParameters(includePrivateParameters: false);
    }

    return (ProcessCpu() - cpuBefore).TotalMilliseconds / count;
}

static TimeSpan ProcessCpu()
{
    using var process = Process.GetCurrentProcess();
    return process.TotalProcessorTime;
}

var starts = new List<double>();
var keys = new List<double>();
for (var r = 0; r < repetitions; r++)
{
    starts.Add(await StartAndSignInCpuMsAsync(50));
    keys.Add(KeyGenerationCpuMs(20));
}

var cpus = runs.Select(x => x.Cpu).Order().ToList();
var allocations = runs.Select(x => x.Bytes).Order().ToList();
Console.WriteLine($"emulator CPU per sign-in (µs), min/median/max over {repetitions} × {signIns}: {cpus[0]:F0} / {cpus[cpus.Count / 2]:F0} / {cpus[^1]:F0}");
Console.WriteLine($"allocated per sign-in (KB), min/median/max: {allocations[0] / 1024:F1} / {allocations[allocations.Count / 2] / 1024:F1} / {allocations[^1] / 1024:F1}");
starts.Sort();
keys.Sort();
Console.WriteLine($"a new emulator with its client token and one sign-in (CPU ms), min/median/max over {repetitions} × 50: {starts[0]:F2} / {starts[starts.Count / 2]:F2} / {starts[^1]:F2}");
Console.WriteLine($"one 2048-bit RSA key pair generated, the same run (CPU ms), min/median/max over {repetitions} × 20: {keys[0]:F1} / {keys[keys.Count / 2]:F1} / {keys[^1]:F1}");

static async Task<string> GetClientTokenAsync(HttpClient http)
{
    using var response = await http.PostAsync("oidc/token", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = MosaicEmulatorDefaults.ClientId,
        ["client_secret"] = MosaicEmulatorDefaults.ClientSecret,
    }));
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
}

static async Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string path, string token, object body)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return await http.SendAsync(request);
}

static int ReadOption(string[] args, string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
