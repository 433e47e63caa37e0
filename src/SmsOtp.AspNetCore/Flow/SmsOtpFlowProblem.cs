namespace SmsOtp.AspNetCore.Flow;

/// <summary>Why no usable flow came with a request; each has its own log line and user message.</summary>
internal enum SmsOtpFlowProblem
{
    None,

    /// <summary>No cookie: blocked (SameSite, HTTP on a Secure cookie), expired in the browser, or another browser.</summary>
    Missing,

    /// <summary>A cookie that cannot be decrypted: tampered, another scheme's, or data-protection keys not shared between instances.</summary>
    Unreadable,

    /// <summary>A genuine flow older than its lifetime.</summary>
    Expired,
}
