namespace SmsOtp.AspNetCore.Testing.State;

/// <summary>The parameters of a standard OIDC authorization request.</summary>
internal sealed record AuthorizationRequest(
    MosaicEmulatorClient Client,
    string RedirectUri,
    string? State,
    string? Nonce,
    string Scope,
    string? CodeChallenge,
    bool FormPost,
    IReadOnlySet<string> RequestedClaims);
