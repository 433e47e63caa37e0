namespace SmsOtp.AspNetCore.Testing.State;

/// <summary>
/// The single-use ticket in the validation <c>result</c> URI: exchanged at <c>/cis/oidc/auth</c> for a code, or for an
/// ID token when the validation asked for <c>response_type: "id_token"</c>.
/// </summary>
internal sealed record LoginTicket(UserGrant Grant, string RedirectUri, bool IdTokenResponse = false);
