using System.Text;
using System.Text.Encodings.Web;

namespace SmsOtp.AspNetCore.Benchmarks.Pages;

/// <summary>
/// The baseline: the hand-concatenated renderer the package had before its Razor components (taken verbatim from the
/// commit before 623a6c2, English only, with its style sheet). It lives only here, to measure what the components cost.
/// </summary>
internal static class LegacyPageRenderer
{
    private const string Css =
        "*{box-sizing:border-box}body{margin:0;font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24;background:#f4f6f8}"
        + "main{max-width:26rem;margin:4rem auto;padding:2rem;background:#fff;border:1px solid #d0d7de;border-radius:.75rem}"
        + "h1{font-size:1.5rem;margin:0 0 .5rem}label{display:block;font-weight:600;margin-top:1rem}.hint{margin:.25rem 0;color:#57606a;font-size:.9rem}"
        + "input{display:block;width:100%;margin-top:.25rem;padding:.6rem .75rem;font-size:1.25rem;border:1px solid #8c959f;border-radius:.4rem}"
        + "input[aria-invalid=true]{border-color:#b42318}#passcode{letter-spacing:.3em;font-variant-numeric:tabular-nums}"
        + ".error{color:#b42318;font-weight:600;margin:.4rem 0 0}.notice{padding:.5rem .75rem;background:#e6f4ea;border-radius:.4rem}"
        + "button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem;font-weight:600;color:#fff;background:#0b5cad;border:0;border-radius:.4rem;cursor:pointer}"
        + "button.link{padding:0;color:#0b5cad;background:none;text-decoration:underline;font-weight:400}form.secondary{margin-top:.5rem}"
        + "a{color:#0b5cad}:focus-visible{outline:3px solid #f5a524;outline-offset:2px}";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static string RenderPhonePage(LegacyPhonePage model)
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

    public static string RenderCodePage(LegacyCodePage model)
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

    public static string RenderMessagePage(LegacyMessagePage model)
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
        .Append("</title><style>").Append(Css).Append("</style></head><body><main aria-labelledby=\"title\">");

    private static string End(StringBuilder html) => html.Append("</main></body></html>").ToString();

    private static void AppendAntiforgery(StringBuilder html, LegacyAntiforgeryField field)
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

internal sealed record LegacyAntiforgeryField(string Name, string Value);

internal sealed record LegacyPhonePage(string Action, LegacyAntiforgeryField Antiforgery, string? PhoneNumber, string? Error, string? ReturnUrl);

internal sealed record LegacyCodePage(string VerifyAction, string ResendAction, string ChangeNumberHref, LegacyAntiforgeryField Antiforgery, string MaskedPhoneNumber, string? Error, string? Notice, bool OfferResend);

internal sealed record LegacyMessagePage(string Title, string Message, string? LinkHref, string? LinkText);
