namespace SmsOtp.AspNetCore;

/// <summary>
/// What a code page may show about the sign-in in progress. The handler sets it on <c>GET {VerifyPath}</c> requests that
/// carry a flow, and before it shows the code page again after a refused code:
/// <c>HttpContext.Features.Get&lt;IMosaicSmsOtpFlowFeature&gt;()</c>. The figures are the same for numbers that have an
/// account and numbers that do not.
/// </summary>
public interface IMosaicSmsOtpFlowFeature
{
    /// <summary>The number the code went to, masked for display (for example <c>+1******1212</c>).</summary>
    string MaskedPhoneNumber { get; }

    /// <summary>
    /// How many more codes may be tried before the sign-in is refused: the least of the flow's attempts, the number's
    /// hourly and consecutive wrong codes, and the tenant's lockout threshold (<see cref="MosaicSmsOtpOptions.CodePolicy"/>).
    /// Zero: the next code is refused whatever it is.
    /// </summary>
    int AttemptsLeft { get; }

    /// <summary>How long until a new code may be requested (the resend cooldown or the number's lockout); zero when now.</summary>
    TimeSpan ResendAllowedIn { get; }
}
