namespace SmsOtp.AspNetCore;

/// <summary>
/// The Mosaic region that hosts the tenant. It selects the API host and the token issuer.
/// </summary>
public enum MosaicRegion
{
    /// <summary>United States / global: <c>https://api.transmitsecurity.io</c>, issuer <c>https://userid.security</c>.</summary>
    US = 0,

    /// <summary>Europe: <c>https://api.eu.transmitsecurity.io</c>, issuer <c>https://eu.userid.security</c>.</summary>
    EU,

    /// <summary>Canada: <c>https://api.ca.transmitsecurity.io</c>, issuer <c>https://ca.userid.security</c>.</summary>
    CA,

    /// <summary>Australia: <c>https://api.au.transmitsecurity.io</c>; the issuer is read from the discovery document.</summary>
    AU,

    /// <summary>Sandbox: <c>https://api.sbx.transmitsecurity.io</c>; the issuer is read from the discovery document.</summary>
    Sandbox,
}
