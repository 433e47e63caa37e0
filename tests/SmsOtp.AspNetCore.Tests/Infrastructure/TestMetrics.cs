using System.Diagnostics.Metrics;
using SmsOtp.AspNetCore.Diagnostics;

namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>The package's metrics over a meter factory of their own, for tests that build its parts without a host.</summary>
internal static class TestMetrics
{
    public static MosaicSmsOtpMetrics Create() => new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
}
