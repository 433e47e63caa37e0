using System.Security.Claims;

namespace MvcSample.Models;

/// <summary>The profile page's data, read from the signed-in principal's claims.</summary>
internal sealed record ProfileViewModel(string? PhoneNumber, string? UserId, IReadOnlyList<ClaimRow> Claims)
{
    /// <summary>The raw OIDC claim Mosaic returns, kept alongside <see cref="ClaimTypes.MobilePhone"/>.</summary>
    public const string RawPhoneNumberClaim = "phone_number";

    public static ProfileViewModel From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ProfileViewModel(
            user.FindFirstValue(ClaimTypes.MobilePhone) ?? user.FindFirstValue(RawPhoneNumberClaim),
            user.FindFirstValue(ClaimTypes.NameIdentifier),
            [.. user.Claims.Select(c => new ClaimRow(c.Type, c.Value, c.Issuer))]);
    }
}
