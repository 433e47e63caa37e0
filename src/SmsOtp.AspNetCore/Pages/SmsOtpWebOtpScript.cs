using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace SmsOtp.AspNetCore.Pages;

/// <summary>
/// WebOTP as a progressive enhancement: where the browser supports it, it reads the code from an origin-bound SMS
/// (last line <c>@host #code</c>), fills the field and submits; anywhere else nothing happens. Typing the code first,
/// or submitting, cancels the request. Runs under the page's CSP nonce.
/// </summary>
public sealed class SmsOtpWebOtpScript : ComponentBase
{
    private const string Script =
        "(()=>{if(!('OTPCredential' in window))return;const i=document.getElementById('passcode');if(!i||!i.form)return;"
        + "const a=new AbortController();i.form.addEventListener('submit',()=>a.abort());i.addEventListener('input',()=>a.abort(),{once:true});"
        + "navigator.credentials.get({otp:{transport:['sms']},signal:a.signal}).then(o=>{if(o&&o.code&&!i.value){i.value=o.code;i.form.requestSubmit();}}).catch(()=>{});})();";

    /// <summary>Gets or sets the page's script nonce.</summary>
    [Parameter, EditorRequired]
    public string Nonce { get; set; } = null!;

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OpenElement(0, "script");
        builder.AddAttribute(1, "nonce", Nonce);
        builder.AddMarkupContent(2, Script);
        builder.CloseElement();
    }
}
