namespace MvcSample.Tests.Infrastructure;

/// <summary>
/// The handler's per-client-IP send limit (20 an hour by default) as configuration the sample's handler binds: all
/// test traffic comes from one address, so test factories raise it. The sample's own defaults stay untouched.
/// </summary>
internal static class ThrottlingSetting
{
    public const string MaxSendsPerClientIpPerHourKey = "Authentication:Schemes:MosaicSmsOtp:Throttling:MaxSendsPerClientIpPerHour";

    public const string ForTests = "1000";
}
