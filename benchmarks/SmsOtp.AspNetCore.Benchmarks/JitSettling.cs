using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace SmsOtp.AspNetCore.Benchmarks;

/// <summary>
/// Warms code up until the JIT has settled, which for a whole sign-in takes tens of seconds on 2 busy cores (hundreds of
/// methods, each promoted to tier 1 only after 30 calls, then again after PGO): a few warm-up iterations end long before
/// that. It runs rounds of batches until no tracked batch's CPU per operation has fallen more than 3% below its best for
/// 4 rounds in a row and the last round compiled at most 25 methods, or until the time limit. It prints every round.
/// </summary>
internal static class JitSettling
{
    private const double Improvement = 0.03;
    private const int StableRounds = 4;
    private const long QuietJitMethods = 25;

    /// <summary>A batch of operations; it returns its CPU time per operation in milliseconds.</summary>
    internal sealed record Batch(string Name, Func<Task<double>> RunAsync, bool Tracked = true);

    /// <summary>Runs <paramref name="count"/> operations one after the other; their process CPU time per operation in ms.</summary>
    public static async Task<double> CpuPerOperationAsync(int count, Func<Task> operation)
    {
        var before = Environment.CpuUsage.TotalTime;
        for (var i = 0; i < count; i++)
        {
            await operation().ConfigureAwait(false);
        }

        return (Environment.CpuUsage.TotalTime - before).TotalMilliseconds / count;
    }

    /// <summary>Rounds of <paramref name="batches"/> until settled or <paramref name="limit"/>; how long that took.</summary>
    public static async Task<TimeSpan> UntilSettledAsync(IReadOnlyList<Batch> batches, TimeSpan limit, TextWriter output)
    {
        var stopwatch = Stopwatch.StartNew();
        var tracked = batches.Where(b => b.Tracked).ToList();
        var best = tracked.Select(_ => double.MaxValue).ToArray();
        var first = new double[tracked.Count];
        var last = new double[tracked.Count];
        var stable = 0;
        output.WriteLine($"Warm-up: rounds of {string.Join(", ", batches.Select(b => b.Name))}, until CPU per operation ({string.Join(", ", tracked.Select(b => b.Name))}) stops falling ({StableRounds} rounds within {Improvement:P0} of the best) and the JIT is quiet (≤ {QuietJitMethods} methods a round).");
        for (var round = 1; ; round++)
        {
            var jitBefore = JitInfo.GetCompiledMethodCount();
            var improved = false;
            foreach (var batch in batches)
            {
                var cpu = await batch.RunAsync().ConfigureAwait(false);
                var i = tracked.IndexOf(batch);
                if (i < 0)
                {
                    continue;
                }

                last[i] = cpu;
                first[i] = round == 1 ? cpu : first[i];
                improved |= cpu < best[i] * (1 - Improvement);
                best[i] = Math.Min(best[i], cpu);
            }

            var jitted = JitInfo.GetCompiledMethodCount() - jitBefore;
            stable = improved ? 0 : stable + 1;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round,3} at {stopwatch.Elapsed.TotalSeconds,6:F1} s: CPU per operation {string.Join(", ", tracked.Select((b, i) => $"{b.Name} {last[i]:F2} ms"))}; methods jitted {jitted}"));
            if (stable >= StableRounds && jitted <= QuietJitMethods)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Warm-up settled after {stopwatch.Elapsed.TotalSeconds:F1} s ({round} rounds; CPU per operation from {string.Join(", ", tracked.Select((b, i) => $"{b.Name} {first[i]:F2} → {last[i]:F2} ms"))}; JIT time in total {JitInfo.GetCompilationTime().TotalSeconds:F1} s)."));
                return stopwatch.Elapsed;
            }

            if (stopwatch.Elapsed > limit)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Warm-up did NOT settle within {limit.TotalSeconds:F0} s (round {round}); measuring anyway, read the figures with care."));
                return stopwatch.Elapsed;
            }
        }
    }
}
