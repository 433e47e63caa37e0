namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// The emulated Mosaic operations that are counted and can be given faults.
/// </summary>
public enum MosaicEmulatorEndpoint
{
    /// <summary><c>POST /oidc/token</c> with <c>grant_type=client_credentials</c>.</summary>
    TokenClientCredentials,

    /// <summary><c>POST /oidc/token</c> with <c>grant_type=authorization_code</c>.</summary>
    TokenAuthorizationCode,

    /// <summary><c>POST /oidc/token</c> with <c>grant_type=refresh_token</c>.</summary>
    TokenRefresh,

    /// <summary><c>POST /cis/v1/auth/otp/sms</c>.</summary>
    SendSms,

    /// <summary><c>POST /cis/v1/auth/otp/sms/validation</c>.</summary>
    ValidateSms,

    /// <summary><c>GET /cis/oidc/auth</c>.</summary>
    Authorize,

    /// <summary><c>GET /cis/oidc/.well-known/openid-configuration</c>.</summary>
    Discovery,

    /// <summary><c>GET /cis/oidc/jwks</c>.</summary>
    Jwks,

    /// <summary><c>GET</c> or <c>POST /cis/oidc/me</c>.</summary>
    UserInfo,

    /// <summary><c>POST /oidc/token/revocation</c> (RFC 7009).</summary>
    Revocation,

    /// <summary><c>POST /cis/v1/auth/logout</c>: ends the user's SSO sessions.</summary>
    Logout,
}
