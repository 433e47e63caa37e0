using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore;

/// <summary>
/// The context of <see cref="MosaicSmsOtpEvents.Throttling"/>: a request is about to be refused with 429. Set
/// <see cref="AllowRequest"/> to let it through (for example for an allow-listed test number).
/// </summary>
public sealed class ThrottlingContext : BaseContext<MosaicSmsOtpOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <param name="options">The handler options.</param>
    /// <param name="phoneNumber">The E.164 number concerned.</param>
    /// <param name="decision">The throttle's decision.</param>
    public ThrottlingContext(HttpContext context, AuthenticationScheme scheme, MosaicSmsOtpOptions options, string phoneNumber, SmsOtpThrottleDecision decision)
        : base(context, scheme, options)
    {
        PhoneNumber = phoneNumber;
        Decision = decision;
    }

    /// <summary>The E.164 number concerned.</summary>
    public string PhoneNumber { get; }

    /// <summary>The client address the limits were counted against.</summary>
    public IPAddress? ClientIpAddress => HttpContext.Connection.RemoteIpAddress;

    /// <summary>Which limit was reached, and when the request may be retried.</summary>
    public SmsOtpThrottleDecision Decision { get; }

    /// <summary>Set to true to let the request through despite the limit.</summary>
    public bool AllowRequest { get; set; }
}
