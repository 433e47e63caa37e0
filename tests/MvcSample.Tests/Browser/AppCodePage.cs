using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using SmsOtp.AspNetCore.Pages;

namespace MvcSample.Tests.Browser;

/// <summary>An app's own code page, as README's "Replacing a page" shows: its markup, the typed model's fields, the same form.</summary>
public sealed class AppCodePage : ComponentBase
{
    [Parameter]
    public SmsOtpCodePageModel Model { get; set; } = null!;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "main");
        builder.AddAttribute(1, "data-testid", "app-code-page");
        builder.OpenElement(2, "h1");
        builder.AddContent(3, "Enter the code we sent to " + Model.MaskedPhoneNumber);
        builder.CloseElement();
        builder.OpenElement(4, "form");
        builder.AddAttribute(5, "method", "post");
        builder.AddAttribute(6, "action", Model.VerifyAction);
        builder.OpenComponent<SmsOtpAntiforgeryInput>(7);
        builder.AddComponentParameter(8, nameof(SmsOtpAntiforgeryInput.Field), Model.Antiforgery);
        builder.CloseComponent();
        builder.OpenElement(9, "label");
        builder.AddAttribute(10, "for", "app-passcode");
        builder.AddContent(11, "Your code");
        builder.CloseElement();
        builder.OpenElement(12, "input");
        builder.AddAttribute(13, "id", "app-passcode");
        builder.AddAttribute(14, "name", "passcode");
        builder.AddAttribute(15, "autocomplete", "one-time-code");
        builder.CloseElement();
        builder.OpenElement(16, "button");
        builder.AddAttribute(17, "type", "submit");
        builder.AddContent(18, "Continue");
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(19, "p");
        builder.AddAttribute(20, "data-testid", "attempts-left");
        builder.AddContent(21, Model.AttemptsLeft);
        builder.CloseElement();
        builder.CloseElement();
    }
}
