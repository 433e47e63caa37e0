namespace SmsOtp.AspNetCore;

/// <summary>Which colour scheme the built-in pages use.</summary>
public enum MosaicSmsOtpColorScheme
{
    /// <summary>Light or dark, following the person's system setting (<c>prefers-color-scheme</c>). The default.</summary>
    Auto,

    /// <summary>Always light.</summary>
    Light,

    /// <summary>Always dark.</summary>
    Dark,
}
