using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Mosaic;
using SmsOtp.AspNetCore.Text;
using SmsOtp.AspNetCore.Throttling;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds SMS one-time-passcode sign-in through Transmit Security Mosaic to an <see cref="AuthenticationBuilder"/>.
/// </summary>
public static class MosaicSmsOtpExtensions
{
    /// <summary>Adds the handler under <see cref="MosaicSmsOtpDefaults.AuthenticationScheme"/>, configured from <c>Authentication:Schemes:MosaicSmsOtp</c>.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddMosaicSmsOtp(this AuthenticationBuilder builder)
        => builder.AddMosaicSmsOtp(MosaicSmsOtpDefaults.AuthenticationScheme, _ => { });

    /// <summary>Adds the handler under <see cref="MosaicSmsOtpDefaults.AuthenticationScheme"/>.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configureOptions">Configures the options (after configuration binding).</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddMosaicSmsOtp(this AuthenticationBuilder builder, Action<MosaicSmsOtpOptions> configureOptions)
        => builder.AddMosaicSmsOtp(MosaicSmsOtpDefaults.AuthenticationScheme, configureOptions);

    /// <summary>Adds the handler under the given scheme name.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configureOptions">Configures the options (after configuration binding).</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddMosaicSmsOtp(this AuthenticationBuilder builder, string authenticationScheme, Action<MosaicSmsOtpOptions> configureOptions)
        => builder.AddMosaicSmsOtp(authenticationScheme, MosaicSmsOtpDefaults.DisplayName, configureOptions);

    /// <summary>Adds the handler under the given scheme and display names. Calling it again for another scheme is fine; shared services are added once.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="displayName">The display name.</param>
    /// <param name="configureOptions">Configures the options (after configuration binding).</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddMosaicSmsOtp(this AuthenticationBuilder builder, string authenticationScheme, string? displayName, Action<MosaicSmsOtpOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        ArgumentNullException.ThrowIfNull(configureOptions);

        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<MosaicSmsOtpOptions>, MosaicSmsOtpConfigureOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<MosaicSmsOtpOptions>, MosaicSmsOtpPostConfigureOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MosaicSmsOtpOptions>, MosaicSmsOtpOptionsValidator>());
        services.AddOptions<MosaicSmsOtpOptions>(authenticationScheme).ValidateOnStart();

        // Mosaic calls go through a named client so apps can add proxies, resilience or test handlers. Its request
        // logging is removed: URLs are harmless, but logging is best kept away from a client that carries secrets.
        services.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName).RemoveAllLoggers();
        services.AddAntiforgery();
        services.AddMetrics();
        services.TryAddSingleton<MosaicBackchannel>();
        services.TryAddSingleton<MosaicClientTokenCache>();
        services.TryAddSingleton<MosaicApiClient>();
        services.TryAddSingleton<MosaicSmsOtpMetrics>();
        services.TryAddSingleton<SmsOtpMessageResolver>();
        services.TryAddSingleton(sp => new SmsOtp.AspNetCore.Otp.SmsOtpValidationGate(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<ISmsOtpThrottleStore>(sp => new MemorySmsOtpThrottleStore(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<SmsOtpThrottleCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MosaicSmsOtpOptions>, MemorySmsOtpThrottleStoreSizing>());

        return builder.AddRemoteScheme<MosaicSmsOtpOptions, MosaicSmsOtpHandler>(authenticationScheme, displayName, configureOptions);
    }
}
