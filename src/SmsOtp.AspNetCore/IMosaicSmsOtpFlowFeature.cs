namespace SmsOtp.AspNetCore;

/// <summary>
/// What an app's own code page may show about the sign-in in progress. With
/// <see cref="MosaicSmsOtpOptions.UseBuiltInPages"/> off, the handler sets it on <c>GET {VerifyPath}</c> requests that
/// carry a flow, before the app's page runs: <c>HttpContext.Features.Get&lt;IMosaicSmsOtpFlowFeature&gt;()</c>.
/// </summary>
public interface IMosaicSmsOtpFlowFeature
{
    /// <summary>The number the code went to, masked for display (for example <c>+1******1212</c>).</summary>
    string MaskedPhoneNumber { get; }
}
