using System.Globalization;

namespace SmsOtp.AspNetCore.Benchmarks.Load;

/// <summary>
/// <c>--load</c>: our whole SMS sign-in against Microsoft's <c>AddOpenIdConnect</c> code flow through the emulator's
/// hosted SMS page, both apps and one emulator in this process (TestServer, no sockets). Warm-up until the JIT has
/// settled, then repetitions interleaved app by app at c = 1 and c = 16; see <c>benchmarks/README.md</c>.
/// Options: <c>--signins N</c> per run (default 600), <c>--repetitions N</c> (default 3), <c>--max-warmup S</c> seconds (default 180);
/// <c>--profile ours|microsoft</c> runs one app alone for a profiler (<see cref="LoadProfile"/>).
/// </summary>
internal static class LoadHarness
{
    private static readonly int[] Concurrencies = [1, 16];

    public static async Task<int> RunAsync(string[] args)
    {
        if (Array.IndexOf(args, "--profile") is var at and >= 0)
        {
            return await LoadProfile.RunAsync(at + 1 < args.Length ? args[at + 1] : "ours", Option(args, "--signins", 2000), Console.Out).ConfigureAwait(false);
        }

        var signIns = Option(args, "--signins", 600);
        var repetitions = Option(args, "--repetitions", 3);
        var maxWarmUp = TimeSpan.FromSeconds(Option(args, "--max-warmup", 180));
        var output = Console.Out;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Load harness: .NET {Environment.Version}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, per-thread CPU {(CpuZone.CanMeasureCpu ? "measured" : "not available (emulator share shows 0)")}."));

        await using var emulator = await LoadEmulator.StartAsync(BenchApp.CreateEmulatorClient(), OpenIdConnectBenchApp.CreateEmulatorClient()).ConfigureAwait(false);
        await using var ours = await SignInTarget.StartOursAsync(emulator).ConfigureAwait(false);
        await using var theirs = await SignInTarget.StartMicrosoftAsync(emulator).ConfigureAwait(false);
        SignInTarget[] targets = [ours, theirs];

        await LoadWarmUp.RunAsync(targets, emulator, maxWarmUp, output).ConfigureAwait(false);

        var runs = Concurrencies.ToDictionary(c => c, _ => (Ours: new List<LoadRun>(), Theirs: new List<LoadRun>()));
        for (var repetition = 0; repetition < repetitions; repetition++)
        {
            foreach (var concurrency in Concurrencies)
            {
                // Alternate which app goes first, so that neither always runs on the heels of the other's garbage.
                var order = repetition % 2 == 0 ? targets : targets.Reverse().ToArray();
                foreach (var target in order)
                {
                    var run = await LoadRun.MeasureAsync(target, emulator, concurrency, signIns).ConfigureAwait(false);
                    (target == ours ? runs[concurrency].Ours : runs[concurrency].Theirs).Add(run);
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Repetition {repetition + 1} of {repetitions} done."));
        }

        foreach (var concurrency in Concurrencies)
        {
            LoadReport.Table(concurrency, runs[concurrency].Ours, runs[concurrency].Theirs, output);
        }

        LoadReport.DataProtection(runs[1].Ours[^1], output);
        LoadReport.DataProtection(runs[1].Theirs[^1], output);
        LoadReport.Goals(runs.ToDictionary(p => p.Key, p => ((IReadOnlyList<LoadRun>)p.Value.Ours, (IReadOnlyList<LoadRun>)p.Value.Theirs)), output);
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }
}
