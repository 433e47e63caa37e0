using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SmsOtp.AspNetCore;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Testing.SignIn;

namespace Microsoft.AspNetCore.Hosting;

/// <summary>
/// Points an app under test (a <c>WebApplicationFactory</c> or any <see cref="IWebHostBuilder"/>) at an in-process
/// <see cref="MosaicEmulator"/>.
/// </summary>
public static class MosaicEmulatorWebHostBuilderExtensions
{
    /// <summary>
    /// After the app's own registrations: every Mosaic SMS scheme, whatever its name, gets the emulator's
    /// <c>BaseUrl</c>, client id and secret, issuer and tenant, and <c>RequireHttpsMetadata</c> off for an <c>http</c>
    /// emulator; the back-channel client <see cref="MosaicSmsOtpDefaults.BackchannelHttpClientName"/> sends into the
    /// emulator; and sign-ins are reported to <see cref="MosaicTestBrowser"/> (the app's <c>OnTicketReceived</c> still runs first).
    /// </summary>
    /// <param name="builder">The app's web host builder.</param>
    /// <param name="emulator">The emulator.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IWebHostBuilder UseMosaicEmulator(this IWebHostBuilder builder, MosaicEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(emulator);
        return builder.ConfigureTestServices(services => services.AddMosaicEmulatorBackchannel(emulator));
    }

    /// <summary>The registrations of <see cref="UseMosaicEmulator"/>, for apps not built with a web host builder.</summary>
    /// <param name="services">The app's services, after its own Mosaic registrations.</param>
    /// <param name="emulator">The emulator.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddMosaicEmulatorBackchannel(this IServiceCollection services, MosaicEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(emulator);
        var client = emulator.Client;

        // ConfigureAll runs after the app's configure delegates (registered earlier) and before the handler's
        // post-configuration, which builds the discovery manager from BaseUrl.
        services.ConfigureAll<MosaicSmsOtpOptions>(options =>
        {
            options.BaseUrl = emulator.BaseAddress;
            options.ClientId = client.ClientId;
            options.ClientSecret = client.ClientSecret;
            options.Issuer = emulator.Options.Issuer;
            options.TenantId = client.TenantId;
            options.RequireHttpsMetadata = emulator.BaseAddress.Scheme == Uri.UriSchemeHttps;
        });
        services.PostConfigureAll<MosaicSmsOtpOptions>(options =>
        {
            var appHandler = options.Events.OnTicketReceived;
            options.Events.OnTicketReceived = async context =>
            {
                await appHandler(context).ConfigureAwait(false);
                if (context.Principal is { } principal && context.Result is null or { Handled: false, Skipped: false }
                    && context.Request.Headers[SignInRecorder.BrowserIdHeader].ToString() is { Length: > 0 } browserId)
                {
                    emulator.SignIns.Record(browserId, principal);
                }
            };
        });
        services.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        return services;
    }
}
