namespace SmsOtp.AspNetCore;

/// <summary>
/// Options that decide which phone numbers the Mosaic SMS OTP handler accepts and how it reads what users type.
/// </summary>
public sealed class MosaicSmsOtpPhoneNumberOptions
{
    /// <summary>
    /// Gets or sets the ISO 3166-1 alpha-2 region (for example <c>US</c>) used for numbers typed without a leading
    /// <c>+</c> and country calling code. When <see langword="null"/> (the default), numbers must start with <c>+</c>.
    /// </summary>
    public string? DefaultRegion { get; set; }

    /// <summary>
    /// Gets the ISO 3166-1 alpha-2 regions whose numbers are accepted (compared case-insensitively).
    /// When empty (the default), numbers from every region are accepted. Restricting regions is the simplest defence
    /// against SMS pumping to premium or high-cost destinations.
    /// </summary>
    public ISet<string> AllowedRegions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets a value indicating whether numbers that cannot receive text messages are refused where the
    /// phone number metadata can tell: fixed-line, premium-rate, shared-cost, VoIP, toll-free, UAN, voicemail and pager
    /// numbers. Numbers that may be fixed-line or mobile, and numbers of unknown type, are accepted.
    /// The default is <see langword="true"/>. NIST SP 800-63B says VoIP numbers should not be used for out-of-band codes.
    /// </summary>
    public bool RejectNumbersThatCannotReceiveSms { get; set; } = true;
}
