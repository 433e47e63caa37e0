using System.Text.Json;

namespace SmsOtp.AspNetCore.Testing.State;

/// <summary>
/// What a completed SMS authentication grants: carried by login tickets, authorization codes, sessions and refresh
/// tokens, and turned into ID and access tokens.
/// </summary>
internal sealed record UserGrant(
    string ClientId,
    string UserId,
    string PhoneNumber,
    DateTimeOffset AuthTime,
    bool NewUser,
    IReadOnlySet<string> RequestedClaims,
    JsonElement? ApprovalData)
{
    public string? Nonce { get; init; }

    public string Scope { get; init; } = "openid offline_access";
}
