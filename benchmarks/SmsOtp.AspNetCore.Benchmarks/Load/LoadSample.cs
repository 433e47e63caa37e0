namespace SmsOtp.AspNetCore.Benchmarks.Load;

/// <summary>Every counter the harness reads, at one moment; a run is the difference of two.</summary>
internal sealed record LoadSample(
    TimeSpan ProcessCpu,
    long Allocated,
    TimeSpan EmulatorCpu,
    long EmulatorAllocated,
    TimeSpan AppCpu,
    long AppAllocated,
    DataProtectionSnapshot DataProtection,
    long MosaicRequests,
    long BrowserMosaicRequests,
    long BrowserRequests,
    long ThrottleStoreCalls,
    long ThreadPoolWorkItems)
{
    public static LoadSample Take(SignInTarget target, LoadEmulator emulator) => new(
        Environment.CpuUsage.TotalTime,
        GC.GetTotalAllocatedBytes(precise: true),
        emulator.Zone.Cpu,
        emulator.Zone.Allocated,
        target.Zone.Cpu,
        target.Zone.Allocated,
        target.DataProtection.Snapshot(),
        emulator.Requests,
        target.BrowserMosaicRequests,
        target.BrowserRequests,
        target.ThrottleStoreCalls,
        ThreadPool.CompletedWorkItemCount);
}
