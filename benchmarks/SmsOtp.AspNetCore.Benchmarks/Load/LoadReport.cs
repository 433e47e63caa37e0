using System.Globalization;

namespace SmsOtp.AspNetCore.Benchmarks.Load;

/// <summary>
/// Prints the runs of one concurrency as a Markdown table: each app's min / median / max over the repetitions, and the
/// ratio ours ÷ Microsoft's computed per repetition (the two runs of a repetition ran back to back), then its
/// min / median / max. Also the Data Protection operations by purpose and the goals of issue #13.
/// </summary>
internal static class LoadReport
{
    private static readonly (string Name, Func<LoadRun, double> Value, string Format)[] Metrics =
    [
        ("sign-ins per second", r => r.SignInsPerSecond, "F0"),
        ("process CPU per sign-in (ms)", r => r.CpuMs, "F2"),
        ("app-side CPU per sign-in, emulator excluded (ms)", r => r.AppSideCpuMs, "F2"),
        ("  of which in the app's pipeline (ms)", r => r.AppPipelineCpuMs, "F2"),
        ("emulator CPU per sign-in (ms)", r => r.EmulatorCpuMs, "F2"),
        ("emulator share of CPU (%)", r => r.EmulatorShare * 100, "F0"),
        ("bytes allocated per sign-in (KB)", r => r.Bytes / 1024, "F0"),
        ("app-side bytes per sign-in, emulator excluded (KB)", r => r.AppSideBytes / 1024, "F0"),
        ("Data Protection operations per sign-in", r => r.DataProtectionOps, "F1"),
        ("Mosaic calls per sign-in, server-side", r => r.MosaicServerCalls, "F2"),
        ("Mosaic calls per sign-in, through the browser", r => r.MosaicBrowserCalls, "F2"),
        ("browser requests per sign-in", r => r.BrowserRequests, "F1"),
        ("HTTP exchanges per sign-in (browser requests and back-channel calls)", r => r.BrowserRequests + r.MosaicServerCalls, "F1"),
        ("throttle store calls per sign-in (Microsoft's has no throttle)", r => r.ThrottleStoreCalls, "F1"),
        ("thread-pool work items per sign-in (each a hop between threads)", r => r.ThreadPoolWorkItems, "F0"),
    ];

    public static void Table(int concurrency, IReadOnlyList<LoadRun> ours, IReadOnlyList<LoadRun> theirs, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"### c = {concurrency}: {ours.Count} interleaved repetitions of {ours[0].Count} sign-ins per app"));
        output.WriteLine();
        output.WriteLine("| per sign-in | ours (min / median / max) | Microsoft's (min / median / max) | ours ÷ Microsoft's (min / median / max) |");
        output.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, value, format) in Metrics)
        {
            var ratios = ours.Zip(theirs, (o, t) => value(t) == 0 ? double.NaN : value(o) / value(t)).ToList();
            var ratio = ratios.Any(double.IsNaN) ? "n/a" : Spread(ratios, "F2");
            output.WriteLine($"| {name} | {Spread(ours.Select(value), format)} | {Spread(theirs.Select(value), format)} | {ratio} |");
        }
    }

    public static void DataProtection(LoadRun run, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Data Protection operations per sign-in, {run.Target} ({run.DataProtectionOps:F1}), by purpose: protect + unprotect"));
        foreach (var (purpose, (protects, unprotects)) in run.DataProtectionByPurpose.Where(p => p.Value.Protects + p.Value.Unprotects > 0).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {protects:F1} + {unprotects:F1}  {purpose}"));
        }
    }

    /// <summary>The goals of issue #13 that this harness can check, on the medians of the per-repetition ratios.</summary>
    public static void Goals(IReadOnlyDictionary<int, (IReadOnlyList<LoadRun> Ours, IReadOnlyList<LoadRun> Theirs)> byConcurrency, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Goals (issue #13), on the median ratio:");
        foreach (var (concurrency, (ours, theirs)) in byConcurrency.OrderBy(p => p.Key))
        {
            double Ratio(Func<LoadRun, double> value) => Median(ours.Zip(theirs, (o, t) => value(o) / value(t)));
            Line($"c = {concurrency}: throughput ≥ 1.0× Microsoft's", Ratio(r => r.SignInsPerSecond), r => r >= 1.0);
            Line($"c = {concurrency}: process CPU per sign-in ≤ 1.0×", Ratio(r => r.CpuMs), r => r <= 1.0);
            Line($"c = {concurrency}: app-side CPU (emulator excluded) ≤ 1.2×", Ratio(r => r.AppSideCpuMs), r => r <= 1.2);
            var dataProtection = Median(ours.Select(r => r.DataProtectionOps));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{(dataProtection <= 8 ? "met" : "NOT met")}] c = {concurrency}: ≤ 8 Data Protection operations per sign-in: {dataProtection:F1}"));
        }

        void Line(string goal, double ratio, Func<double, bool> met)
            => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{(met(ratio) ? "met" : "NOT met")}] {goal}: {ratio:F2}"));
    }

    private static string Spread(IEnumerable<double> values, string format)
    {
        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[0].ToString(format, CultureInfo.InvariantCulture)} / {Median(sorted).ToString(format, CultureInfo.InvariantCulture)} / {sorted[^1].ToString(format, CultureInfo.InvariantCulture)}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
