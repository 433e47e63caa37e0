using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore.Flow;

/// <summary>
/// For one request, the flow cookies' protected values as the browser will hold them once it has this response (what
/// came with the request, then what the handler wrote or deleted), which the forms' tokens are bound to: the phone form's
/// to the start cookie (else the flow cookie), the code and resend forms' to the flow cookie. Nothing here unprotects:
/// the POST that comes back does, before it trusts the match (<see cref="SmsOtpFormToken"/>).
/// </summary>
internal sealed class SmsOtpFormBinding(HttpContext context, MosaicSmsOtpOptions options)
{
    private string? _start = SmsOtpFlowCookie.RawValue(context, options, start: true);
    private string? _flow = SmsOtpFlowCookie.RawValue(context, options, start: false);

    /// <summary>The cookie value a phone form rendered now is bound to; null when the browser holds no flow cookie.</summary>
    public string? PhoneFormCookie => _start ?? _flow;

    /// <summary>The cookie value a code or resend form rendered now is bound to; null when the browser holds none.</summary>
    public string? CodeFormCookie => _flow;

    public void Wrote(string value, bool start) => Set(value, start);

    public void Deleted(bool start) => Set(null, start);

    private void Set(string? value, bool start)
    {
        if (start)
        {
            _start = value;
        }
        else
        {
            _flow = value;
        }
    }
}
