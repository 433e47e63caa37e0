using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using SmsOtp.AspNetCore.Pages;

namespace SmsOtp.AspNetCore.Tests.PagesRendering;

/// <summary>An app's layout: its own banner and footer around the page.</summary>
public sealed class TestLayout : ComponentBase
{
    [Parameter]
    public RenderFragment Body { get; set; } = null!;

    [Parameter]
    public SmsOtpPageModel Page { get; set; } = null!;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "header");
        builder.AddContent(1, "App banner for " + Page.Title);
        builder.CloseElement();
        builder.AddContent(2, Body);
        builder.OpenElement(3, "footer");
        builder.AddContent(4, "App footer");
        builder.CloseElement();
    }
}
