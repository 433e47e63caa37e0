namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// Counts the requests each emulated endpoint received (including those answered by a fault).
/// </summary>
public sealed class MosaicEmulatorCounters
{
    private readonly int[] _counts = new int[Enum.GetValues<MosaicEmulatorEndpoint>().Length];

    internal MosaicEmulatorCounters()
    {
    }

    /// <summary>Returns the number of requests <paramref name="endpoint"/> received since start or the last <see cref="Reset"/>.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns>The count.</returns>
    public int Get(MosaicEmulatorEndpoint endpoint) => Volatile.Read(ref _counts[(int)endpoint]);

    /// <summary>Sets every count to zero.</summary>
    public void Reset()
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            Interlocked.Exchange(ref _counts[i], 0);
        }
    }

    internal void Increment(MosaicEmulatorEndpoint endpoint) => Interlocked.Increment(ref _counts[(int)endpoint]);
}
