namespace SmsOtp.AspNetCore.Testing.State;

/// <summary>What an opaque refresh token stands for; it is replaced on every use (rotation).</summary>
internal sealed record RefreshGrant(UserGrant Grant);
