using System.Diagnostics;
using System.Globalization;
using System.Net;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Cluster.Tests;

/// <summary>
/// Concurrent sign-ins through the cluster's proxy, each browser its own number and its own client address, with the
/// checks of issue #14 item 5: every browser ends signed in as its own number and no other, no 5xx anywhere, and every
/// SMS accounted for (one per sign-in, to its own number). The suite runs 50; <c>benchmarks/SmsOtp.AspNetCore.Cluster.Benchmarks</c>
/// runs 500 against 1, 2 and 3 instances.
/// </summary>
public static class ClusterLoad
{
    private static int _numbers;

    /// <summary>Runs <paramref name="signIns"/> sign-ins, <paramref name="concurrency"/> at a time, and checks them.</summary>
    public static async Task<ClusterLoadResult> RunAsync(Cluster cluster, int signIns, int concurrency, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var sendsBefore = cluster.Emulator.Counters.Get(Testing.MosaicEmulatorEndpoint.SendSms);
        var statusesBefore = cluster.Statuses.Count;
        var people = Enumerable.Range(0, signIns).Select(_ => (Browser: cluster.CreateBrowser(), Number: NewNumber())).ToList();
        using var gate = new SemaphoreSlim(concurrency);
        var clock = Stopwatch.StartNew();
        var landed = await Task.WhenAll(people.Select(async person =>
        {
            await gate.WaitAsync();
            try
            {
                var codePage = await person.Browser.Browser.StartAndSendCodeAsync("/secure", person.Number);
                var code = cluster.Emulator.Outbox.GetLatest(person.Number)!.Code;
                using var page = await person.Browser.Browser.SubmitCodeAsync(codePage, code, followRedirects: true);
                return (person.Number, page.StatusCode, Body: await page.Content.ReadAsStringAsync());
            }
            finally
            {
                gate.Release();
            }
        })).WaitAsync(timeout);
        clock.Stop();

        var problems = new List<string>();
        var crossTalk = landed.Count(l => l.StatusCode != HttpStatusCode.OK || l.Body != "signed-in:" + l.Number);
        if (crossTalk > 0)
        {
            problems.Add($"{crossTalk} browsers did not end signed in as their own number");
        }

        var serverErrors = cluster.Statuses.Skip(statusesBefore).Count(s => (int)s >= 500);
        if (serverErrors > 0)
        {
            problems.Add($"{serverErrors} answers were 5xx");
        }

        var sends = cluster.Emulator.Counters.Get(Testing.MosaicEmulatorEndpoint.SendSms) - sendsBefore;
        var unaccounted = people.Count(p => cluster.Emulator.Outbox.GetMessages(p.Number).Count != 1);
        if (sends != signIns || unaccounted > 0)
        {
            problems.Add($"{sends} sends for {signIns} sign-ins; {unaccounted} numbers without exactly one SMS");
        }

        return new ClusterLoadResult(signIns, clock.Elapsed, problems);
    }

    private static string NewNumber() =>
        "+1646" + (5_000_000 + Interlocked.Increment(ref _numbers)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a load run did.</summary>
/// <param name="SignIns">How many sign-ins ran.</param>
/// <param name="Elapsed">From the first request to the last answer.</param>
/// <param name="Problems">Each check that failed, in words; empty when all held.</param>
public sealed record ClusterLoadResult(int SignIns, TimeSpan Elapsed, IReadOnlyList<string> Problems)
{
    /// <summary>Completed sign-ins per second.</summary>
    public double SignInsPerSecond => SignIns / Elapsed.TotalSeconds;
}
