using Microsoft.AspNetCore.Authentication;

namespace SmsOtp.AspNetCore.Flow;

/// <summary>
/// One browser's sign-in in progress, kept in a data-protected cookie: where to return, the number the code went to,
/// and the one-time nonce Mosaic copies into the ID token, which binds the callback to this browser.
/// </summary>
internal sealed class SmsOtpFlow
{
    /// <summary>A random id for per-flow attempt counting; never a secret.</summary>
    public required string FlowId { get; init; }

    /// <summary>Sent with the validation call, checked against the ID token's <c>nonce</c>.</summary>
    public required string Nonce { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required AuthenticationProperties Properties { get; init; }

    /// <summary>The E.164 number, once a code was sent.</summary>
    public string? PhoneNumber { get; init; }

    public bool HasCode => PhoneNumber is not null;

    public bool IsExpired(DateTimeOffset now, TimeSpan lifetime) => now - CreatedAt > lifetime || now < CreatedAt - TimeSpan.FromMinutes(5);
}
