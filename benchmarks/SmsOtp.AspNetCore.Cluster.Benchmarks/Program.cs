using System.Globalization;
using SmsOtp.AspNetCore.Cluster.Tests;

// dotnet run -c Release --project benchmarks/SmsOtp.AspNetCore.Cluster.Benchmarks -- [--signins 500] [--concurrency 32]
//   [--repetitions 3] [--timeout-minutes 5]
// For 1, 2 and 3 instances behind the proxy (interleaved, each repetition a fresh cluster with its own Redis): a warm-up
// of 100 sign-ins, then the measured run; prints sign-ins per second as a ratio to one instance, and fails (exit 1) if any
// check of ClusterLoad did not hold.
var signIns = Option("--signins", 500);
var concurrency = Option("--concurrency", 32);
var repetitions = Option("--repetitions", 3);
var timeout = TimeSpan.FromMinutes(Option("--timeout-minutes", 5));
int[] sizes = [1, 2, 3];

var rates = sizes.ToDictionary(size => size, _ => new List<double>());
var failed = false;
for (var repetition = 1; repetition <= repetitions; repetition++)
{
    foreach (var size in repetition % 2 == 1 ? sizes : sizes.Reverse())
    {
        var cluster = Cluster.OfSize(size);
        ClusterLoadResult result;
        try
        {
            await cluster.InitializeAsync();
            await ClusterLoad.RunAsync(cluster, Math.Min(100, signIns), concurrency, timeout);
            result = await ClusterLoad.RunAsync(cluster, signIns, concurrency, timeout);
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        rates[size].Add(result.SignInsPerSecond);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"repetition {repetition}, {size} instance(s): {result.SignIns} sign-ins in {result.Elapsed.TotalSeconds:F1} s = {result.SignInsPerSecond:F1}/s; {(result.Problems.Count == 0 ? "all checks held" : string.Join("; ", result.Problems))}"));
        failed |= result.Problems.Count > 0;
    }
}

var oneMedian = Median(rates[1]);
Console.WriteLine();
Console.WriteLine($"| instances | sign-ins/s (median of {repetitions}) | min | max | ratio to 1 instance (median) |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var size in sizes)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {size} | {Median(rates[size]):F1} | {rates[size].Min():F1} | {rates[size].Max():F1} | {Median(rates[size]) / oneMedian:F2} |"));
}

return failed ? 1 : 0;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
