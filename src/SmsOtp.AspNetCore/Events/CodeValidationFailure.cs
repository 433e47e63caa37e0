namespace SmsOtp.AspNetCore;

/// <summary>
/// Why Mosaic refused a code.
/// </summary>
public enum CodeValidationFailure
{
    /// <summary>The code is wrong (or no code is pending for the number).</summary>
    InvalidCode = 0,

    /// <summary>The code has expired; the user needs a new one.</summary>
    ExpiredCode,

    /// <summary>Too many wrong codes: the number is locked for a while.</summary>
    Locked,
}
