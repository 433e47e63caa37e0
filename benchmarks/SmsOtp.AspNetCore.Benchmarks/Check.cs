using SmsOtp.AspNetCore.Testing;

namespace SmsOtp.AspNetCore.Benchmarks;

/// <summary>The emulator's request counts, endpoint by endpoint.</summary>
internal sealed class MosaicEmulatorCountersView(MosaicEmulator emulator)
{
    public IEnumerable<(MosaicEmulatorEndpoint Endpoint, int Count)> NonZero() =>
        Enum.GetValues<MosaicEmulatorEndpoint>().Select(e => (e, emulator.Counters.Get(e))).Where(p => p.Item2 > 0);

    public void Reset() => emulator.Counters.Reset();
}

/// <summary><c>--check</c>: runs each endpoint benchmark once, unmeasured, and says what a whole sign-in sends where.</summary>
internal static class Check
{
    public static async Task<int> RunAsync()
    {
        var bench = new EndpointBenchmarks();
        await bench.SetupAsync().ConfigureAwait(false);
        try
        {
            await bench.PlainEndpoint().ConfigureAwait(false);
            await bench.PhonePage().ConfigureAwait(false);
            await bench.Challenge().ConfigureAwait(false);
            bench.Mosaic.Reset();
            await bench.WholeSignIn().ConfigureAwait(false);
            Console.WriteLine($"Every endpoint benchmark ran once. A whole sign-in sent {bench.LastSignInRequests} browser requests; Mosaic (emulator) requests, browser and back-channel:");
            foreach (var (endpoint, count) in bench.Mosaic.NonZero())
            {
                Console.WriteLine($"  {endpoint}: {count}");
            }

            return 0;
        }
        finally
        {
            await bench.CleanupAsync().ConfigureAwait(false);
        }
    }
}
