using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using SmsOtp.AspNetCore.Pages;

namespace SmsOtp.AspNetCore.Tests.PagesRendering;

/// <summary>An app's own code page: shows every part of the model it is given, and posts the same fields.</summary>
public sealed class TestCodePage : ComponentBase
{
    [Parameter]
    public SmsOtpCodePageModel Model { get; set; } = null!;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "h1");
        builder.AddAttribute(1, "data-app-page", "code");
        builder.AddContent(2, "App code page: " + Model.Title);
        builder.CloseElement();
        builder.OpenElement(3, "p");
        builder.AddAttribute(4, "id", "masked");
        builder.AddContent(5, Model.MaskedPhoneNumber);
        builder.CloseElement();
        builder.OpenElement(6, "p");
        builder.AddAttribute(7, "id", "error");
        builder.AddContent(8, Model.Error ?? "(none)");
        builder.CloseElement();
        builder.OpenElement(9, "form");
        builder.AddAttribute(10, "method", "post");
        builder.AddAttribute(11, "action", Model.VerifyAction);
        builder.OpenComponent<SmsOtpAntiforgeryInput>(12);
        builder.AddComponentParameter(13, nameof(SmsOtpAntiforgeryInput.Field), Model.Antiforgery);
        builder.CloseComponent();
        builder.OpenElement(14, "input");
        builder.AddAttribute(15, "name", "passcode");
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(16, "p");
        builder.AddAttribute(17, "id", "resend");
        builder.AddContent(18, Model.ResendAction + " " + Model.ChangeNumberHref + " " + Model.Language + " " + Model.Strings["Verify"].Value);
        builder.CloseElement();
    }
}
