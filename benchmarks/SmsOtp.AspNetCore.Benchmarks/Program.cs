using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using SmsOtp.AspNetCore.Benchmarks;
using SmsOtp.AspNetCore.Benchmarks.Load;

// --check runs the endpoint benchmarks once, unmeasured. --load runs the load harness (ours vs Microsoft's OpenID
// Connect handler). Otherwise pick BenchmarkDotNet benchmarks with --filter, e.g. --filter '*Endpoint*'; --filter '*'
// runs them all.
if (args is ["--check"])
{
    return await Check.RunAsync().ConfigureAwait(false);
}

if (args is ["--load", ..])
{
    return await LoadHarness.RunAsync(args).ConfigureAwait(false);
}

// BenchmarkDotNet builds a project per job; on a busy 2-core machine that can take longer than its default 2 minutes.
BenchmarkSwitcher.FromAssembly(typeof(BenchApp).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10)));
return 0;
