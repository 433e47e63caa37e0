using System.Globalization;

namespace SmsOtp.AspNetCore.Benchmarks.Load;

/// <summary>
/// <c>--load --profile ours|microsoft</c>: one app's sign-ins alone, one at a time, for a CPU profiler to sample
/// (<c>dotnet-trace collect --profile cpu-sampling -- dotnet SmsOtp.AspNetCore.Benchmarks.dll --load --profile ours</c>).
/// <c>--signins N</c> (default 2000) sign-ins of warm-up, then as many measured; nothing is compared here. (More than
/// about 5,000 in all fill the in-memory throttle store, which is sized for the options' limits over a flow's lifetime.)
/// </summary>
internal static class LoadProfile
{
    public static async Task<int> RunAsync(string which, int signIns, TextWriter output)
    {
        await using var emulator = await LoadEmulator.StartAsync(BenchApp.CreateEmulatorClient(), OpenIdConnectBenchApp.CreateEmulatorClient()).ConfigureAwait(false);
        await using var target = which == "microsoft"
            ? await SignInTarget.StartMicrosoftAsync(emulator).ConfigureAwait(false)
            : await SignInTarget.StartOursAsync(emulator).ConfigureAwait(false);
        for (var i = 0; i < signIns; i++)
        {
            await target.SignInAsync(LoadRun.NextPhone()).ConfigureAwait(false);
        }

        // Bytes and CPU per browser request, one sign-in at a time (the browser's side included; nothing else runs meanwhile).
        var perRequest = new Dictionary<string, (long Bytes, TimeSpan Cpu, int Count)>(StringComparer.Ordinal);
        for (var i = 0; i < 500; i++)
        {
            await target.SignInAsync(LoadRun.NextPhone(), (request, bytes, cpu) =>
            {
                var (totalBytes, totalCpu, count) = perRequest.GetValueOrDefault(request);
                perRequest[request] = (totalBytes + bytes, totalCpu + cpu, count + 1);
            }).ConfigureAwait(false);
        }

        foreach (var (request, (bytes, cpu, count)) in perRequest)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes / count / 1024.0,7:F1} KB  {cpu.TotalMilliseconds / count,6:F3} ms CPU  {request}"));
        }

        output.WriteLine("Warm-up done; measuring.");
        var run = await LoadRun.MeasureAsync(target, emulator, concurrency: 1, signIns).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{which}: {run}"));
        return 0;
    }
}
