namespace SmsOtp.AspNetCore.Testing.State;

/// <summary>The single-use ticket in the validation <c>result</c> URI: exchanged at <c>/cis/oidc/auth</c> for a code.</summary>
internal sealed record LoginTicket(UserGrant Grant, string RedirectUri);
