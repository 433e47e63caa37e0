namespace SmsOtp.AspNetCore.Otp;

/// <summary>Where a number stands in the tenant's OTP policy, as the handler plays it.</summary>
/// <param name="Kind">Whether a code can be checked now.</param>
/// <param name="LockoutAttemptsLeft">Wrong codes left before the number is locked.</param>
/// <param name="LockedFor">How long the lock still lasts, when locked.</param>
internal readonly record struct SmsOtpCodeState(SmsOtpCodeStateKind Kind, int LockoutAttemptsLeft, TimeSpan LockedFor);

/// <summary>Whether a code can be checked for a number now.</summary>
internal enum SmsOtpCodeStateKind
{
    /// <summary>The latest code is within its lifetime and the number is not locked.</summary>
    Live,

    /// <summary>No code can be right: it has expired, was used, or was invalidated by the lockout.</summary>
    NoCode,

    /// <summary>Too many wrong codes: nothing is checked until the lock ends.</summary>
    Locked,
}
