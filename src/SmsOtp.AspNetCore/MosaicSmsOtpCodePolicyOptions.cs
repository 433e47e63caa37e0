namespace SmsOtp.AspNetCore;

/// <summary>
/// The Mosaic tenant's one-time passcode settings (Admin Portal &gt; Authentication methods &gt; One-time passcodes:
/// expiration time and failed-attempts lockout policy), mirrored here. The handler plays this policy itself, for every
/// number, so that a number Mosaic does not know gets exactly the answers a registered one gets (checklist B-36), and
/// stops sending codes to Mosaic before Mosaic would lock the number. Set them to the tenant's values; the defaults are
/// those the Mosaic emulator models.
/// </summary>
public sealed class MosaicSmsOtpCodePolicyOptions
{
    /// <summary>Gets or sets how long a code is valid after it is sent (Mosaic's <c>expiresIn</c>). Between 1 and 10 minutes. The default is 5 minutes.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets how many wrong codes invalidate the code and lock the number (Mosaic's <c>maxFailures</c>). Between 1
    /// and 20. The default is 3.
    /// </summary>
    public int LockoutThreshold { get; set; } = 3;

    /// <summary>Gets or sets how long a number stays locked after <see cref="LockoutThreshold"/> wrong codes (Mosaic's <c>lockoutDuration</c>). Between 1 minute and a day. The default is 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
