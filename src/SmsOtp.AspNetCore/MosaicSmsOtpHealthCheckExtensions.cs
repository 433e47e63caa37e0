using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Mosaic;
using SmsOtp.AspNetCore.Throttling;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Mosaic SMS OTP health check to an <see cref="IHealthChecksBuilder"/>.</summary>
public static class MosaicSmsOtpHealthCheckExtensions
{
    /// <summary>
    /// Checks that a scheme added with <c>AddMosaicSmsOtp</c> can sign people in: Mosaic's discovery document and
    /// signing keys (JWKS) can be fetched, Mosaic issues the app a client token, and the throttle store answers.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="authenticationScheme">The scheme to check.</param>
    /// <param name="name">The check's name; defaults to <c>mosaic-sms-otp</c> (with the scheme's name if it is not the default).</param>
    /// <param name="failureStatus">The status reported when a part fails; defaults to <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by (for example <c>ready</c>).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddMosaicSmsOtp(this IHealthChecksBuilder builder, string authenticationScheme = MosaicSmsOtpDefaults.AuthenticationScheme, string? name = null, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);

        return builder.Add(new HealthCheckRegistration(
            name ?? (authenticationScheme == MosaicSmsOtpDefaults.AuthenticationScheme ? "mosaic-sms-otp" : "mosaic-sms-otp-" + authenticationScheme),
            services => new MosaicSmsOtpHealthCheck(
                services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>(),
                services.GetRequiredService<MosaicClientTokenCache>(),
                services.GetRequiredService<ISmsOtpThrottleStore>(),
                authenticationScheme),
            failureStatus,
            tags));
    }
}
