using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SmsOtp.AspNetCore;

/// <summary>
/// Binds a scheme's options from <c>Authentication:Schemes:{scheme}</c>, the way the platform's OpenID Connect and JWT
/// handlers do, so <c>appsettings.json</c> plus user secrets configure a tenant without code. It runs before the
/// configure delegate passed to <c>AddMosaicSmsOtp</c>, so code wins.
/// </summary>
internal sealed class MosaicSmsOtpConfigureOptions(IAuthenticationConfigurationProvider configurationProvider) : IConfigureNamedOptions<MosaicSmsOtpOptions>
{
    public void Configure(string? name, MosaicSmsOtpOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var section = configurationProvider.GetSchemeConfiguration(name);
        if (!section.GetChildren().Any())
        {
            return;
        }

        // The binder appends to collections; configured claims replace the defaults, as the platform's OIDC binding does for Scope.
        if (section.GetSection(nameof(MosaicSmsOtpOptions.RequestedClaims)).GetChildren().Any())
        {
            options.RequestedClaims.Clear();
        }

        // Values that do not convert become problems the validator reports with all the others, not a binder exception.
        MosaicSmsOtpConfigurationValues.Checked(section, $"Authentication:Schemes:{name}", options.ConfigurationProblems).Bind(options);
    }

    public void Configure(MosaicSmsOtpOptions options) => Configure(Options.DefaultName, options);
}
