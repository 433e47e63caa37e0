namespace SmsOtp.AspNetCore.Phone;

/// <summary>Why a typed phone number was refused.</summary>
internal enum PhoneNumberError
{
    /// <summary>The number was accepted.</summary>
    None,

    /// <summary>Nothing, or only white space, was entered.</summary>
    Missing,

    /// <summary>The input is longer than any phone number written with separators; refused before parsing.</summary>
    TooLong,

    /// <summary>The input holds characters that are not digits or common separators (letters, controls, a misplaced <c>+</c>).</summary>
    NotANumber,

    /// <summary>The input is made of digits but is not a valid number, or has no country calling code and no default region applies.</summary>
    InvalidNumber,

    /// <summary>The number is valid but belongs to a region outside <see cref="MosaicSmsOtpPhoneNumberOptions.AllowedRegions"/>.</summary>
    RegionNotAllowed,

    /// <summary>The number is of a type that cannot receive text messages (fixed line, premium rate, VoIP, ...).</summary>
    CannotReceiveSms,
}
