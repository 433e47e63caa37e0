using System.Net;
using System.Text;

namespace SmsOtp.AspNetCore.Testing.HostedLogin;

/// <summary>The HTML of the emulator's own hosted SMS login: a phone form, then a code form.</summary>
internal static class HostedLoginPage
{
    public static string PhoneForm(string action, string csrfToken, string appName, string? error) =>
        Layout(appName, error, new StringBuilder()
            .Append("<form method=\"post\" action=\"").Append(WebUtility.HtmlEncode(action)).Append("\">")
            .Append(Csrf(csrfToken))
            .Append("<label for=\"phone_number\">Phone number</label>")
            .Append("<input id=\"phone_number\" name=\"phone_number\" type=\"tel\" autocomplete=\"tel\" placeholder=\"+16175551212\" required/>")
            .Append("<button type=\"submit\">Send code</button></form>").ToString());

    public static string CodeForm(string action, string csrfToken, string appName, string? error) =>
        Layout(appName, error, new StringBuilder()
            .Append("<form method=\"post\" action=\"").Append(WebUtility.HtmlEncode(action)).Append("\">")
            .Append(Csrf(csrfToken))
            .Append("<label for=\"passcode\">Code</label>")
            .Append("<input id=\"passcode\" name=\"passcode\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required/>")
            .Append("<button type=\"submit\">Verify</button></form>").ToString());

    private static string Csrf(string token) => "<input type=\"hidden\" name=\"csrf_token\" value=\"" + WebUtility.HtmlEncode(token) + "\"/>";

    private static string Layout(string appName, string? error, string form) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Sign in to " + WebUtility.HtmlEncode(appName) +
        " (Mosaic emulator)</title></head><body><h1>Sign in to " + WebUtility.HtmlEncode(appName) + "</h1>" +
        (error is null ? string.Empty : "<p role=\"alert\" class=\"error\">" + WebUtility.HtmlEncode(error) + "</p>") +
        form + "</body></html>";
}
