namespace SmsOtp.AspNetCore.Benchmarks.Load;

/// <summary>
/// The harness's warm-up: rounds of <see cref="BatchSize"/> sign-ins per app at c = 1 (tracked) and at c = 16 (so that
/// the concurrent paths are compiled too), until <see cref="JitSettling"/> finds the JIT settled.
/// </summary>
internal static class LoadWarmUp
{
    private const int BatchSize = 60;

    public static Task<TimeSpan> RunAsync(IReadOnlyList<SignInTarget> targets, LoadEmulator emulator, TimeSpan limit, TextWriter output)
    {
        var batches = targets.Select(t => new JitSettling.Batch($"{t.Name} c=1", async () => (await LoadRun.MeasureAsync(t, emulator, 1, BatchSize).ConfigureAwait(false)).CpuMs))
            .Concat(targets.Select(t => new JitSettling.Batch($"{t.Name} c=16", async () => (await LoadRun.MeasureAsync(t, emulator, 16, BatchSize).ConfigureAwait(false)).CpuMs, Tracked: false)))
            .ToList();
        return JitSettling.UntilSettledAsync(batches, limit, output);
    }
}
