using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore;

/// <summary>
/// The context of <see cref="MosaicSmsOtpEvents.CodeValidationFailed"/>.
/// </summary>
public sealed class CodeValidationFailedContext : PropertiesContext<MosaicSmsOtpOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <param name="options">The handler options.</param>
    /// <param name="properties">The flow's authentication properties.</param>
    /// <param name="phoneNumber">The E.164 number.</param>
    /// <param name="failure">Why the code was refused.</param>
    public CodeValidationFailedContext(HttpContext context, AuthenticationScheme scheme, MosaicSmsOtpOptions options, AuthenticationProperties properties, string phoneNumber, CodeValidationFailure failure)
        : base(context, scheme, options, properties)
    {
        PhoneNumber = phoneNumber;
        Failure = failure;
    }

    /// <summary>The E.164 number.</summary>
    public string PhoneNumber { get; }

    /// <summary>Why the code was refused.</summary>
    public CodeValidationFailure Failure { get; }
}
