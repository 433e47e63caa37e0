namespace SmsOtp.AspNetCore.Testing.State;

/// <summary>A single-use authorization code, bound to its client and exact redirect URI, and to a PKCE challenge when given.</summary>
internal sealed record AuthorizationCode(UserGrant Grant, string RedirectUri, string? CodeChallenge);
