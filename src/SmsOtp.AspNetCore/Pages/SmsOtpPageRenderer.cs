using System.Text;
using System.Text.Encodings.Web;

namespace SmsOtp.AspNetCore.Pages;

/// <summary>
/// The built-in pages: plain, accessible HTML with inline styles (no scripts, no external resources), every value
/// HTML-encoded.
/// </summary>
internal static class SmsOtpPageRenderer
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static string RenderPhonePage(PhonePageModel model)
    {
        var html = Begin("Sign in with your phone");
        html.Append("<h1 id=\"title\">Sign in with your phone</h1><p>We will text you a one-time code.</p>");
        html.Append("<form method=\"post\" action=\"").Append(Encode(model.Action)).Append("\" novalidate>");
        AppendAntiforgery(html, model.Antiforgery);
        if (model.ReturnUrl is not null)
        {
            html.Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(Encode(model.ReturnUrl)).Append("\">");
        }

        html.Append("<label for=\"phone_number\">Mobile number</label>")
            .Append("<p id=\"phone_number_hint\" class=\"hint\">In international format, for example +1 415 555 0100.</p>")
            .Append("<input id=\"phone_number\" name=\"phone_number\" type=\"tel\" autocomplete=\"tel\" inputmode=\"tel\" maxlength=\"32\" required autofocus")
            .Append(" aria-describedby=\"phone_number_hint").Append(model.Error is null ? "\"" : " phone_number_error\" aria-invalid=\"true\"");
        if (model.PhoneNumber is not null)
        {
            html.Append(" value=\"").Append(Encode(model.PhoneNumber)).Append('"');
        }

        html.Append('>');
        AppendError(html, "phone_number_error", model.Error);
        html.Append("<button type=\"submit\">Send code</button></form>");
        return End(html);
    }

    public static string RenderCodePage(CodePageModel model)
    {
        var html = Begin("Enter your code");
        html.Append("<h1 id=\"title\">Enter your code</h1><p>We sent a code by SMS to <strong>")
            .Append(Encode(model.MaskedPhoneNumber)).Append("</strong>.</p>");
        if (model.Notice is not null)
        {
            html.Append("<p class=\"notice\" role=\"status\">").Append(Encode(model.Notice)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"").Append(Encode(model.VerifyAction)).Append("\" novalidate>");
        AppendAntiforgery(html, model.Antiforgery);
        html.Append("<label for=\"passcode\">Code</label>")
            .Append("<input id=\"passcode\" name=\"passcode\" type=\"text\" autocomplete=\"one-time-code\" inputmode=\"numeric\" pattern=\"[0-9]*\" maxlength=\"12\" required autofocus")
            .Append(model.Error is null ? ">" : " aria-describedby=\"passcode_error\" aria-invalid=\"true\">");
        AppendError(html, "passcode_error", model.Error);
        html.Append("<button type=\"submit\">Verify</button></form>");

        html.Append("<form method=\"post\" action=\"").Append(Encode(model.ResendAction)).Append("\" class=\"secondary\">");
        AppendAntiforgery(html, model.Antiforgery);
        html.Append("<button type=\"submit\" class=\"").Append(model.OfferResend ? "primary" : "link").Append("\">Send a new code</button></form>")
            .Append("<p><a href=\"").Append(Encode(model.ChangeNumberHref)).Append("\">Use a different number</a></p>");
        return End(html);
    }

    public static string RenderMessagePage(MessagePageModel model)
    {
        var html = Begin(model.Title);
        html.Append("<h1 id=\"title\">").Append(Encode(model.Title)).Append("</h1><p role=\"alert\">").Append(Encode(model.Message)).Append("</p>");
        if (model.LinkHref is not null)
        {
            html.Append("<p><a href=\"").Append(Encode(model.LinkHref)).Append("\">").Append(Encode(model.LinkText ?? "Continue")).Append("</a></p>");
        }

        return End(html);
    }

    private static StringBuilder Begin(string title) => new StringBuilder(2048)
        .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
        .Append(Encode(title))
        .Append("</title><style>").Append(SmsOtpPageStyles.Css).Append("</style></head><body><main aria-labelledby=\"title\">");

    private static string End(StringBuilder html) => html.Append("</main></body></html>").ToString();

    private static void AppendAntiforgery(StringBuilder html, AntiforgeryField field)
        => html.Append("<input type=\"hidden\" name=\"").Append(Encode(field.Name)).Append("\" value=\"").Append(Encode(field.Value)).Append("\">");

    private static void AppendError(StringBuilder html, string id, string? error)
    {
        if (error is not null)
        {
            html.Append("<p id=\"").Append(id).Append("\" class=\"error\" role=\"alert\">").Append(Encode(error)).Append("</p>");
        }
    }

    private static string Encode(string value) => Encoder.Encode(value);
}
