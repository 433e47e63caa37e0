using System.Diagnostics;
using System.Globalization;

namespace SmsOtp.AspNetCore.Benchmarks.Load;

/// <summary>
/// What one run of <see cref="Count"/> sign-ins by <see cref="Concurrency"/> browsers at a time cost, per sign-in.
/// "App side" is the whole process minus the emulator's zone: the app, the simulated browsers and TestServer's plumbing
/// (the same for both apps but for the number of requests), and the runtime's own threads (GC, tiering).
/// </summary>
internal sealed record LoadRun(
    string Target,
    int Concurrency,
    int Count,
    double SignInsPerSecond,
    double CpuMs,
    double EmulatorCpuMs,
    double AppPipelineCpuMs,
    double Bytes,
    double EmulatorBytes,
    double DataProtectionOps,
    IReadOnlyDictionary<string, (double Protects, double Unprotects)> DataProtectionByPurpose,
    double MosaicServerCalls,
    double MosaicBrowserCalls,
    double BrowserRequests,
    double ThrottleStoreCalls,
    double ThreadPoolWorkItems)
{
    private static long s_phones;

    public double AppSideCpuMs => CpuMs - EmulatorCpuMs;

    public double AppSideBytes => Bytes - EmulatorBytes;

    public double EmulatorShare => EmulatorCpuMs / CpuMs;

    /// <summary>Runs <paramref name="count"/> sign-ins, <paramref name="concurrency"/> at a time, after a full GC.</summary>
    public static async Task<LoadRun> MeasureAsync(SignInTarget target, LoadEmulator emulator, int concurrency, int count)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var before = LoadSample.Take(target, emulator);
        var stopwatch = Stopwatch.StartNew();
        var started = 0;
        var workers = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            workers[i] = Task.Run(async () =>
            {
                while (Interlocked.Increment(ref started) <= count)
                {
                    await target.SignInAsync(NextPhone()).ConfigureAwait(false);
                }
            });
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        stopwatch.Stop();
        var after = LoadSample.Take(target, emulator);

        double Per(double total) => total / count;
        var browserMosaic = after.BrowserMosaicRequests - before.BrowserMosaicRequests;
        return new LoadRun(
            target.Name,
            concurrency,
            count,
            count / stopwatch.Elapsed.TotalSeconds,
            Per((after.ProcessCpu - before.ProcessCpu).TotalMilliseconds),
            Per((after.EmulatorCpu - before.EmulatorCpu).TotalMilliseconds),
            Per((after.AppCpu - before.AppCpu).TotalMilliseconds),
            Per(after.Allocated - before.Allocated),
            Per(after.EmulatorAllocated - before.EmulatorAllocated),
            Per(after.DataProtection.Total - before.DataProtection.Total),
            after.DataProtection.ByPurpose.ToDictionary(
                p => p.Key,
                p =>
                {
                    var was = before.DataProtection.ByPurpose.GetValueOrDefault(p.Key);
                    return (Per(p.Value.Protects - was.Protects), Per(p.Value.Unprotects - was.Unprotects));
                },
                StringComparer.Ordinal),
            Per(after.MosaicRequests - before.MosaicRequests - browserMosaic),
            Per(browserMosaic),
            Per(after.BrowserRequests - before.BrowserRequests),
            Per(after.ThrottleStoreCalls - before.ThrottleStoreCalls),
            Per(after.ThreadPoolWorkItems - before.ThreadPoolWorkItems));
    }

    /// <summary>A number no sign-in has used yet (new user, no throttle history), valid for libphonenumber and the emulator.</summary>
    internal static string NextPhone() => "+1617" + (2_000_000 + Interlocked.Increment(ref s_phones)).ToString(CultureInfo.InvariantCulture);
}
