using System.Net;

namespace SmsOtp.AspNetCore.Sms;

/// <summary>
/// The origin-bound last line of an SMS (WICG sms-one-time-codes: <c>@host #code</c>), which tells browsers on which
/// site the code may be autofilled (and lets WebOTP read it). Mosaic fills <c>{otp}</c> in it like anywhere else.
/// </summary>
internal static class OriginBoundLine
{
    /// <summary>Mosaic's limit on <c>custom_message</c>, placeholders included.</summary>
    public const int MaxMessageLength = 140;

    /// <summary>
    /// The message with the line appended, or unchanged when it already ends with one, when the host is not a domain
    /// name (an IP address, <c>localhost</c>), or when the whole would not fit in <see cref="MaxMessageLength"/>.
    /// </summary>
    public static string AppendTo(string message, Uri site)
    {
        var host = site.IdnHost;
        var lastLine = message[(message.LastIndexOf('\n') + 1)..];
        if (lastLine.StartsWith('@') || IPAddress.TryParse(host, out _) || !host.Contains('.', StringComparison.Ordinal))
        {
            return message;
        }

        var withLine = message.TrimEnd() + "\n\n@" + host + " #{otp}";
        return withLine.Length <= MaxMessageLength ? withLine : message;
    }
}
