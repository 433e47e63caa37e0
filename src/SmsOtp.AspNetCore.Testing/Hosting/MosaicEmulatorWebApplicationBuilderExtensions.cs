using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Testing.Embedded;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Local development without a Mosaic tenant: the app hosts the Mosaic emulator itself until a tenant is configured.
/// </summary>
public static class MosaicEmulatorWebApplicationBuilderExtensions
{
    /// <summary>
    /// When configuration names no Mosaic tenant (neither <c>ClientId</c> nor <c>BaseUrl</c> under
    /// <paramref name="tenantSection"/>), runs the Mosaic emulator inside this app: the SMS handler's
    /// <paramref name="scheme"/> is pointed at it on the app's own address (emulator client, plain http allowed), and
    /// no real SMS is sent. Only in the Development environment: elsewhere a missing tenant stops the app at start-up.
    /// Call it after <c>AddMosaicSmsOtp</c>, then <c>app.MapMosaicEmulatorWhenNoTenant()</c>. With a tenant configured it
    /// changes nothing.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="tenantSection">
    /// The configuration section that holds the tenant's settings; by default the one the handler binds itself from,
    /// <see cref="MosaicEmulatorEmbeddedDefaults.TenantSection"/>.
    /// </param>
    /// <param name="scheme">The SMS handler's scheme.</param>
    /// <returns><see langword="true"/> when the embedded emulator runs; <see langword="false"/> when a tenant is configured.</returns>
    /// <exception cref="InvalidOperationException">
    /// A <c>ClientId</c> is configured without its <c>ClientSecret</c>, or no tenant is configured outside Development.
    /// </exception>
    public static bool AddMosaicEmulatorWhenNoTenant(
        this WebApplicationBuilder builder,
        string tenantSection = MosaicEmulatorEmbeddedDefaults.TenantSection,
        string scheme = MosaicSmsOtpDefaults.AuthenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(tenantSection);
        ArgumentException.ThrowIfNullOrEmpty(scheme);

        var tenant = builder.Configuration.GetSection(tenantSection);
        var clientId = tenant["ClientId"];
        if (!string.IsNullOrWhiteSpace(clientId))
        {
            // A client id without its secret is a half-done setup: stop at start-up rather than at the first sign-in.
            if (string.IsNullOrWhiteSpace(tenant["ClientSecret"]))
            {
                throw new InvalidOperationException(
                    $"'{tenantSection}:ClientId' is set but '{tenantSection}:ClientSecret' is not. Set both to use a real Mosaic tenant, or neither to use the embedded Mosaic emulator.");
            }

            return false;
        }

        // A base URL alone points at a Mosaic (or a standalone emulator) elsewhere: never override it.
        if (!string.IsNullOrWhiteSpace(tenant["BaseUrl"]))
        {
            return false;
        }

        // The embedded emulator signs in anyone with any number and lists every code: never outside Development, where
        // a missing setting must stop the app instead of opening it.
        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"No Mosaic tenant is configured ('{tenantSection}:ClientId' is empty), and the embedded Mosaic emulator runs only in the Development environment (it signs in anyone and lists every code). Set '{tenantSection}:ClientId' and '{tenantSection}:ClientSecret' (or '{tenantSection}:BaseUrl'), or run with ASPNETCORE_ENVIRONMENT=Development.");
        }

        var services = builder.Services;
        services.AddMosaicEmulator();
        services.TryAddSingleton(new EmbeddedEmulatorMarker(scheme, tenantSection));
        services.AddHttpClient(MosaicSmsOtpDefaults.BackchannelHttpClientName).ConfigurePrimaryHttpMessageHandler(provider => EmbeddedBackchannel.CreateHandler(provider.GetRequiredService<IServer>()));
        services.AddSingleton<IConfigureOptions<MosaicSmsOtpOptions>>(provider => ActivatorUtilities.CreateInstance<EmbeddedMosaicOptions>(provider, scheme));
        services.AddSingleton<IOptionsChangeTokenSource<MosaicSmsOtpOptions>>(provider =>
            new ServerStartedChangeTokenSource(scheme, provider.GetRequiredService<IHostApplicationLifetime>()));
        return true;
    }
}
