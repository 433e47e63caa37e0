using System.Diagnostics;

namespace SmsOtp.AspNetCore.Diagnostics;

/// <summary>The package's traces (activity source <c>SmsOtp.AspNetCore</c>): one activity per step of the flow.</summary>
internal static class MosaicSmsOtpActivitySource
{
    public static readonly ActivitySource Instance = new(MosaicSmsOtpDefaults.DiagnosticsName);
}
