using BenchmarkDotNet.Running;
using SmsOtp.AspNetCore.Benchmarks;

// --check runs the endpoint benchmarks once, unmeasured. Otherwise pick benchmarks with --filter, e.g.
// --filter '*Endpoint*'; --filter '*' runs them all.
if (args is ["--check"])
{
    return await Check.RunAsync().ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchApp).Assembly).Run(args);
return 0;
