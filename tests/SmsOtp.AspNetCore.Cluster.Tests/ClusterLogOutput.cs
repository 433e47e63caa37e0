using Xunit.Abstractions;

namespace SmsOtp.AspNetCore.Cluster.Tests;

/// <summary>Writes what the cluster's instances logged at warning and above while a test ran to that test's output.</summary>
public abstract class ClusterLogOutput(ClusterLog log, ITestOutputHelper output) : IDisposable
{
    private readonly int _mark = log.Count;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var entry in log.Since(_mark))
        {
            output.WriteLine(entry);
        }

        GC.SuppressFinalize(this);
    }
}
