namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// A user known to the emulator before any sign-up.
/// </summary>
public sealed class MosaicEmulatorUser
{
    /// <summary>The user id (<c>sub</c> claim).</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>The user's phone number in E.164 format.</summary>
    public string PhoneNumber { get; set; } = string.Empty;
}
