using System.Globalization;
using Microsoft.AspNetCore.Localization;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Tests.Localization;

/// <summary>A test app whose request culture is fixed (as an app's <c>UseRequestLocalization</c> would set it).</summary>
internal static class LocalizedAppStart
{
    /// <summary>Written out here, not read from the package: a culture dropped from the package fails the tests.</summary>
    public static readonly string[] CultureNames = ["en", "es", "fr", "de", "it", "pt-BR", "nl", "pl", "tr", "ja", "zh-Hans", "hi", "ar"];

    public static TheoryData<string> ShippedCultures => new(CultureNames);

    public static Task<SmsOtpTestApp> StartAsync(string culture, Action<MosaicSmsOtpOptions>? handler = null, Action<IServiceCollection>? services = null)
        => SmsOtpTestApp.StartAsync(
            handler: handler,
            services: services,
            beforeAuthentication: app => app.UseRequestLocalization(new RequestLocalizationOptions
            {
                DefaultRequestCulture = new RequestCulture(culture),
                SupportedCultures = [CultureInfo.GetCultureInfo(culture)],
                SupportedUICultures = [CultureInfo.GetCultureInfo(culture)],
                RequestCultureProviders = [],
            }),
            emulator: o => o.Clients[0].AppName = "Contoso");
}
