using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmsOtp.AspNetCore.Testing.Hosting;

namespace SmsOtp.AspNetCore.Testing.Inbox;

/// <summary>
/// <c>GET /emulator/inbox</c>: the SMS inbox for people (like MailPit for email): every send, newest first, the code
/// large, undelivered sends with their reason; the page reloads itself every few seconds.
/// </summary>
internal static class InboxPage
{
    public const int RefreshSeconds = 3;

    public static Task RenderAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        var phone = context.Request.Query["phone"].ToString() is { Length: > 0 } p ? p : null;
        var messages = runtime.Outbox.GetSendAttempts(phone);
        var html = new StringBuilder(4096)
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta http-equiv=\"refresh\" content=\"").Append(RefreshSeconds).Append("\"><title>Mosaic emulator: SMS inbox</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:44rem;padding:0 1rem;color:#1b1b1b}")
            .Append("li{list-style:none;border:1px solid #ccc;border-radius:.5rem;padding:.75rem 1rem;margin:.75rem 0}")
            .Append(".code{font:700 2.5rem/1.1 ui-monospace,monospace;letter-spacing:.2em}.meta{color:#555;font-size:.9rem}")
            .Append(".undelivered{border-color:#b00020;background:#fff4f4}.reason{color:#b00020}ol{padding:0}")
            .Append("</style></head><body><h1>SMS inbox</h1><p class=\"meta\">Messages the Mosaic emulator sent, newest first. This page refreshes every ")
            .Append(RefreshSeconds).Append(" seconds. JSON: <a href=\"outbox\">outbox</a>.</p>");
        if (messages.Count == 0)
        {
            html.Append("<p id=\"empty\">No messages yet.</p>");
        }
        else
        {
            html.Append("<ol id=\"messages\">");
            foreach (var sms in messages)
            {
                html.Append(sms.Delivered ? "<li class=\"sms\">" : "<li class=\"sms undelivered\">")
                    .Append("<div class=\"meta\">To <strong class=\"to\">").Append(Encode(sms.PhoneNumber)).Append("</strong> at <time datetime=\"")
                    .Append(sms.SentAt.ToString("O", CultureInfo.InvariantCulture)).Append("\">")
                    .Append(sms.SentAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Append(" UTC</time>");
                if (sms.SenderId is { } sender)
                {
                    html.Append(" from ").Append(Encode(sender));
                }

                html.Append("</div>");
                if (sms.Delivered)
                {
                    html.Append("<div class=\"code\">").Append(Encode(sms.Code)).Append("</div><div class=\"text\">").Append(Encode(sms.Text)).Append("</div>");
                }
                else
                {
                    html.Append("<div class=\"reason\">Not delivered: ").Append(Encode(sms.NotDeliveredReason!)).Append("</div>");
                }

                html.Append("</li>");
            }

            html.Append("</ol>");
        }

        html.Append("</body></html>");
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(html.ToString(), context.RequestAborted);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
