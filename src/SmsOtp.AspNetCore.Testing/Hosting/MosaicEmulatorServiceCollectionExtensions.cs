using Microsoft.Extensions.DependencyInjection.Extensions;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Testing.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the Mosaic emulator's state in an application, to be served with <c>MapMosaicEmulator</c>.
/// </summary>
public static class MosaicEmulatorServiceCollectionExtensions
{
    /// <summary>
    /// Adds one shared emulator state (users, codes, keys, outbox, faults, counters) to <paramref name="services"/>, and
    /// registers <see cref="MosaicEmulatorOutbox"/>, <see cref="MosaicEmulatorFaults"/>, <see cref="MosaicEmulatorCounters"/>
    /// and <see cref="MosaicEmulatorKeys"/> as singletons. Calling it again only adds <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the emulator.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddMosaicEmulator(this IServiceCollection services, Action<MosaicEmulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<MosaicEmulatorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddRouting();
        services.TryAddSingleton<EmulatorRuntime>();
        services.TryAddSingleton(provider => provider.GetRequiredService<EmulatorRuntime>().Outbox);
        services.TryAddSingleton(provider => provider.GetRequiredService<EmulatorRuntime>().Faults);
        services.TryAddSingleton(provider => provider.GetRequiredService<EmulatorRuntime>().Counters);
        services.TryAddSingleton(provider => provider.GetRequiredService<EmulatorRuntime>().Keys);
        return services;
    }
}
