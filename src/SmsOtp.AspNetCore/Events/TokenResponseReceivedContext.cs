using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore;

/// <summary>
/// The context of <see cref="MosaicSmsOtpEvents.TokenResponseReceived"/>.
/// </summary>
public sealed class TokenResponseReceivedContext : PropertiesContext<MosaicSmsOtpOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <param name="options">The handler options.</param>
    /// <param name="properties">The flow's authentication properties.</param>
    /// <param name="tokenResponse">Mosaic's token response.</param>
    public TokenResponseReceivedContext(HttpContext context, AuthenticationScheme scheme, MosaicSmsOtpOptions options, AuthenticationProperties properties, MosaicTokenResponse tokenResponse)
        : base(context, scheme, options, properties)
        => TokenResponse = tokenResponse;

    /// <summary>Mosaic's token response.</summary>
    public MosaicTokenResponse TokenResponse { get; }
}
