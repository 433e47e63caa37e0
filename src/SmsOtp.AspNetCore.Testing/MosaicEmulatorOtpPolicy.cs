namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// The emulator's one-time passcode settings, named after Mosaic's <c>SMSConfiguration</c>.
/// </summary>
public sealed class MosaicEmulatorOtpPolicy
{
    /// <summary>Number of digits, 4 to 8. Defaults to 6.</summary>
    public int CodeLength { get; set; } = 6;

    /// <summary>How long a code stays valid. Defaults to 5 minutes.</summary>
    public TimeSpan ExpiresIn { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong attempts, 1 to 20, after which the code is invalidated and the phone locked. Defaults to 3.</summary>
    public int MaxFailures { get; set; } = 3;

    /// <summary>How long a phone stays locked after <see cref="MaxFailures"/> wrong attempts. Defaults to 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
