using System.Runtime.InteropServices;

namespace SmsOtp.AspNetCore.Benchmarks.Load;

/// <summary>
/// The CPU time and allocations of the code that runs inside one server's pipeline (the emulator's, an app's), however
/// its async work hops between threads. A middleware marks the request's execution context with the zone; an
/// <see cref="AsyncLocal{T}"/> change callback, which runs on every thread each time that context is put on or taken
/// off it, reads the thread's CPU clock and allocation count at both ends.
/// </summary>
internal sealed partial class CpuZone(string name)
{
    private static readonly AsyncLocal<CpuZone?> Current = new(OnChanged);

    [ThreadStatic]
    private static long t_startCpuNs;

    [ThreadStatic]
    private static long t_startAllocated;

    private long _cpuNs;
    private long _allocated;

    public string Name { get; } = name;

    /// <summary>Whether per-thread CPU time can be read here (Linux); elsewhere the zone counts allocations only.</summary>
    public static bool CanMeasureCpu { get; } = OperatingSystem.IsLinux();

    public TimeSpan Cpu => TimeSpan.FromTicks(Interlocked.Read(ref _cpuNs) / 100);

    public long Allocated => Interlocked.Read(ref _allocated);

    /// <summary>Marks the rest of the current async flow (a request's pipeline) as this zone's.</summary>
    public void Enter() => Current.Value = this;

    private static void OnChanged(AsyncLocalValueChangedArgs<CpuZone?> change)
    {
        if (ReferenceEquals(change.PreviousValue, change.CurrentValue))
        {
            return;
        }

        if (change.PreviousValue is { } left)
        {
            Interlocked.Add(ref left._cpuNs, ThreadCpuNs() - t_startCpuNs);
            Interlocked.Add(ref left._allocated, GC.GetAllocatedBytesForCurrentThread() - t_startAllocated);
        }

        if (change.CurrentValue is not null)
        {
            t_startCpuNs = ThreadCpuNs();
            t_startAllocated = GC.GetAllocatedBytesForCurrentThread();
        }
    }

    private static long ThreadCpuNs()
    {
        if (!CanMeasureCpu || clock_gettime(ClockThreadCpuTimeId, out var time) != 0)
        {
            return 0;
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clockId, out TimeSpec time);
}
