namespace SmsOtp.AspNetCore.Testing.Tokens;

/// <summary>What the emulator knows about an access token it issued: whose it is, until when, and its <c>jti</c>.</summary>
internal sealed record AccessTokenInfo(string ClientId, string Subject, string Jti, DateTimeOffset ExpiresAt)
{
    /// <summary>Client tokens have <c>sub</c> = <c>client_id</c>; user tokens have the user id.</summary>
    public bool IsClientToken => string.Equals(Subject, ClientId, StringComparison.Ordinal);
}
