using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using SmsOtp.AspNetCore.Pages;

namespace SmsOtp.AspNetCore.Docs.Tests.Snippets;

/// <summary>The app's layout the README's branding snippet names: a header above the handler's page.</summary>
public sealed class SignInLayout : ComponentBase
{
    [Parameter]
    public RenderFragment? Body { get; set; }

    [Parameter]
    public SmsOtpPageModel Page { get; set; } = null!;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "header");
        builder.AddContent(1, "Contoso");
        builder.CloseElement();
        builder.AddContent(2, Body);
    }
}
