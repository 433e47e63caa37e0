using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SmsOtp.AspNetCore.Testing.Embedded;

/// <summary>
/// The developer page listing the SMS the embedded emulator "sent", newest first: a person signing in reads the code
/// here instead of on a phone. It exists only in embedded mode, so real passcodes are never listable.
/// </summary>
internal static class DevSmsPage
{
    public static IResult Render(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messages = context.RequestServices.GetRequiredService<MosaicEmulatorOutbox>().GetMessages().OrderByDescending(m => m.SentAt).ToList();

        var html = new StringBuilder();
        // The code is what a person comes here for: it is the largest thing in its row.
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Sent SMS</title><style>body{font-family:system-ui,sans-serif;margin:2rem}td,th{padding:.25rem .75rem;text-align:left}code.otp{font-size:1.75rem;font-weight:700;letter-spacing:.1em}</style></head><body><main>");
        html.Append("<h1>Sent SMS</h1><p>The SMS the Mosaic emulator \"sent\", newest first. This page exists only in emulator mode.</p>");
        if (messages.Count == 0)
        {
            // Like Mosaic, the emulator sends nothing to an unknown number unless the app allows sign-up, while the
            // phone page answers as if it had (it must not reveal who has an account): say so where the code is missing.
            html.Append("<p data-testid=\"no-sms\">No SMS sent yet. A number the emulator does not know gets no SMS unless the app sets <code>CreateNewUser = true</code> (Mosaic's public sign-up) or the number is added to <code>MosaicEmulatorOptions.Users</code>; the app's log says when that happened.</p>");
        }
        else
        {
            html.Append("<table><caption>SMS sent by the emulator, newest first</caption><thead><tr><th scope=\"col\">Sent at (UTC)</th><th scope=\"col\">Phone number</th><th scope=\"col\">Passcode</th><th scope=\"col\">Message</th></tr></thead><tbody>");
            foreach (var sms in messages)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{sms.SentAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}</td><td>{WebUtility.HtmlEncode(sms.PhoneNumber)}</td><td><code class=\"otp\">{WebUtility.HtmlEncode(sms.Code)}</code></td><td>{WebUtility.HtmlEncode(sms.Text)}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</main></body></html>");

        // Passcodes must not linger in any cache.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
