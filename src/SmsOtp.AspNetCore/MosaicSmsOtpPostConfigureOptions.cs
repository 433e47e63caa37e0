using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Flow;
using SmsOtp.AspNetCore.Mosaic;

namespace SmsOtp.AspNetCore;

/// <summary>
/// Fills in the options derived from others and from DI: data protection for the flow cookie, the configuration
/// manager for Mosaic's discovery document and keys, and the flow cookie's path. Nothing here opens a connection.
/// </summary>
internal sealed class MosaicSmsOtpPostConfigureOptions(IDataProtectionProvider dataProtection, MosaicBackchannel backchannel) : IPostConfigureOptions<MosaicSmsOtpOptions>
{
    public void PostConfigure(string? name, MosaicSmsOtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DataProtectionProvider ??= dataProtection;
        options.FlowFormat ??= new SmsOtpFlowFormat(options.DataProtectionProvider.CreateProtector("SmsOtp.AspNetCore.MosaicSmsOtpHandler", name ?? string.Empty, "Flow.v1"));

        if (options.Backchannel is null && options.BackchannelHttpHandler is not null)
        {
            // The handler enforces BackchannelTimeout per call (with the TimeProvider), so the client's own timeout stays out of the way.
            options.Backchannel = new HttpClient(options.BackchannelHttpHandler) { Timeout = Timeout.InfiniteTimeSpan };
        }

        options.FlowCookiePath = CommonPrefix(options.SignInPath, options.VerifyPath, options.ResendPath, options.CallbackPath);
        if (name is not null && name != MosaicSmsOtpDefaults.AuthenticationScheme && options.FlowCookie.Name == MosaicSmsOtpDefaults.FlowCookieName)
        {
            // Each scheme its own cookie: one scheme's flow is unreadable under another's data-protection purpose.
            options.FlowCookie.Name = MosaicSmsOtpDefaults.FlowCookieName + "." + name;
        }

        if (options.BaseUrl is { IsAbsoluteUri: false })
        {
            // Left for the validator to report by name, rather than failing here on a relative URI.
            return;
        }

        options.ConfigurationManager ??= new MosaicConfigurationManager(
            options.MosaicUri(options.DiscoveryPath).AbsoluteUri,
            new MosaicDocumentRetriever(options, backchannel),
            () => options.Clock);

    }

    /// <summary>The longest whole-segment prefix of the paths: <c>/signin-sms</c> for the defaults.</summary>
    internal static PathString CommonPrefix(params PathString[] paths)
    {
        var split = paths.Where(p => p.HasValue).Select(p => p.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        if (split.Length == 0)
        {
            return "/";
        }

        var shared = new List<string>();
        for (var i = 0; split.All(s => s.Length > i && string.Equals(s[i], split[0][i], StringComparison.OrdinalIgnoreCase)); i++)
        {
            shared.Add(split[0][i]);
        }

        return shared.Count == 0 ? "/" : "/" + string.Join('/', shared);
    }
}
