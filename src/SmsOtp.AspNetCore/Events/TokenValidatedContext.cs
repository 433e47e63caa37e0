using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;

namespace SmsOtp.AspNetCore;

/// <summary>
/// The context of <see cref="MosaicSmsOtpEvents.TokenValidated"/>. Call <see cref="RemoteAuthenticationContext{TOptions}.Fail(string)"/> to refuse the sign-in.
/// </summary>
public sealed class TokenValidatedContext : RemoteAuthenticationContext<MosaicSmsOtpOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <param name="options">The handler options.</param>
    /// <param name="principal">The principal built from the ID token.</param>
    /// <param name="properties">The flow's authentication properties.</param>
    /// <param name="idToken">The validated ID token.</param>
    /// <param name="tokenResponse">Mosaic's token response.</param>
    public TokenValidatedContext(HttpContext context, AuthenticationScheme scheme, MosaicSmsOtpOptions options, ClaimsPrincipal principal, AuthenticationProperties properties, JsonWebToken idToken, MosaicTokenResponse tokenResponse)
        : base(context, scheme, options, properties)
    {
        Principal = principal;
        IdToken = idToken;
        TokenResponse = tokenResponse;
    }

    /// <summary>The validated ID token.</summary>
    public JsonWebToken IdToken { get; }

    /// <summary>Mosaic's token response.</summary>
    public MosaicTokenResponse TokenResponse { get; }
}
