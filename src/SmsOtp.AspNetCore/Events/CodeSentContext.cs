using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore;

/// <summary>
/// The context of <see cref="MosaicSmsOtpEvents.CodeSent"/>.
/// </summary>
public sealed class CodeSentContext : PropertiesContext<MosaicSmsOtpOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <param name="options">The handler options.</param>
    /// <param name="properties">The flow's authentication properties.</param>
    /// <param name="phoneNumber">The E.164 number.</param>
    /// <param name="isResend">Whether this replaced an earlier code of the same flow.</param>
    public CodeSentContext(HttpContext context, AuthenticationScheme scheme, MosaicSmsOtpOptions options, AuthenticationProperties properties, string phoneNumber, bool isResend)
        : base(context, scheme, options, properties)
    {
        PhoneNumber = phoneNumber;
        IsResend = isResend;
    }

    /// <summary>The E.164 number the code went to.</summary>
    public string PhoneNumber { get; }

    /// <summary>Whether this replaced an earlier code of the same flow.</summary>
    public bool IsResend { get; }
}
