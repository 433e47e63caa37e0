namespace SmsOtp.AspNetCore.Responses;

/// <summary>Which built-in page shows a failure to a browser.</summary>
internal enum SmsOtpFailurePage
{
    /// <summary>The message page: a title, the sentence and a link to start again.</summary>
    Message,

    /// <summary>The phone-number page, with the sentence as the field's error.</summary>
    Phone,

    /// <summary>The code page, with the sentence as the field's error.</summary>
    Code,

    /// <summary>The code page, with the sentence and the offer to send a new code.</summary>
    CodeWithResend,
}
