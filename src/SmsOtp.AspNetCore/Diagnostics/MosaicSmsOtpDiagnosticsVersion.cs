using System.Reflection;

namespace SmsOtp.AspNetCore.Diagnostics;

/// <summary>The version the package's meter and activity source report: the package's informational version.</summary>
internal static class MosaicSmsOtpDiagnosticsVersion
{
    public static readonly string? Value = typeof(MosaicSmsOtpDiagnosticsVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
}
