using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore;
using SmsOtp.AspNetCore.Testing;

namespace Microsoft.AspNetCore.Mvc.Testing;

/// <summary>One call to point a <see cref="WebApplicationFactory{TEntryPoint}"/> at an emulator, one to sign in through it.</summary>
public static class MosaicEmulatorWebApplicationFactoryExtensions
{
    /// <summary>A factory whose app talks to <paramref name="emulator"/> (see <c>UseMosaicEmulator</c>); disposed with <paramref name="factory"/>.</summary>
    /// <typeparam name="TEntryPoint">The app's entry point.</typeparam>
    /// <param name="factory">The factory.</param>
    /// <param name="emulator">The emulator.</param>
    /// <returns>The derived factory.</returns>
    public static WebApplicationFactory<TEntryPoint> WithMosaicEmulator<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory, MosaicEmulator emulator)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(emulator);
        return factory.WithWebHostBuilder(builder => builder.UseMosaicEmulator(emulator));
    }

    /// <summary>A browser on the factory's app at <c>https://localhost/</c>, with the sign-in path of the Mosaic scheme.</summary>
    /// <typeparam name="TEntryPoint">The app's entry point.</typeparam>
    /// <param name="factory">A factory from <see cref="WithMosaicEmulator"/>.</param>
    /// <param name="emulator">The same emulator.</param>
    /// <param name="scheme">The scheme whose <c>SignInPath</c> to use. Defaults to <see cref="MosaicSmsOtpDefaults.AuthenticationScheme"/>.</param>
    /// <returns>A new browser; dispose it.</returns>
    public static MosaicTestBrowser CreateMosaicBrowser<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory, MosaicEmulator emulator, string scheme = MosaicSmsOtpDefaults.AuthenticationScheme)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(emulator);
        var options = factory.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(scheme);
        return new MosaicTestBrowser(emulator, factory.Server.CreateHandler(), MosaicTestBrowser.DefaultBaseAddress, options.SignInPath.Value ?? MosaicSmsOtpDefaults.SignInPath);
    }

    /// <summary>Signs <paramref name="phoneNumber"/> in with a new browser (see <see cref="MosaicTestBrowser.SignInAsync"/>).</summary>
    /// <typeparam name="TEntryPoint">The app's entry point.</typeparam>
    /// <param name="factory">A factory from <see cref="WithMosaicEmulator"/>.</param>
    /// <param name="emulator">The same emulator.</param>
    /// <param name="phoneNumber">The number.</param>
    /// <param name="returnUrl">The local URL to come back to.</param>
    /// <param name="cancellationToken">Cancels the sign-in.</param>
    /// <returns>The signed-in result; its <see cref="MosaicSignInResult.Client"/> carries the session.</returns>
    public static async Task<MosaicSignInResult> SignInWithSmsAsync<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory, MosaicEmulator emulator, string phoneNumber, string returnUrl = "/", CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        var browser = factory.CreateMosaicBrowser(emulator);
        return await browser.SignInAsync(phoneNumber, returnUrl, cancellationToken).ConfigureAwait(false);
    }
}
