using System.Text;

namespace SmsOtp.AspNetCore.Flow;

/// <summary>
/// Keeps return URLs on this site. RemoteAuthenticationHandler redirects to the ticket's RedirectUri without a check,
/// so every value is vetted here, when the flow starts.
/// </summary>
internal static class LocalReturnUrl
{
    /// <summary>The longest return URL kept, in (ASCII) characters once percent-encoded.</summary>
    public const int MaxLength = 2048;

    /// <summary>
    /// True for a path on this host: <c>/x</c> or <c>~/x</c>, but not <c>//host</c>, <c>/\host</c> (browsers read both as
    /// another host), and nothing with control characters or white space (browsers drop tabs and newlines, so
    /// <c>/\t/evil</c> would become <c>//evil</c>).
    /// </summary>
    public static bool IsLocal(string? url) => Normalize(url) is not null;

    /// <summary>
    /// The URL ready for a <c>Location</c> header when it is local: characters outside ASCII percent-encoded as UTF-8
    /// (RFC 3986 §2.1; Kestrel refuses a non-ASCII header, checklist B-39), at most <see cref="MaxLength"/> characters
    /// once encoded. Null when it is not local, not valid UTF-16, or too long.
    /// </summary>
    public static string? Normalize(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength)
        {
            return null;
        }

        var ascii = true;
        foreach (var c in url)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return null;
            }

            ascii &= char.IsAscii(c);
        }

        if (!HasLocalShape(url))
        {
            return null;
        }

        if (ascii)
        {
            return url;
        }

        var encoded = PercentEncodeNonAscii(url);
        return encoded is { Length: <= MaxLength } ? encoded : null;
    }

    /// <summary>The URL when it is local (normalised as <see cref="Normalize"/> does), otherwise <c>/</c> (under the app's path base).</summary>
    public static string OrRoot(string? url, string pathBase)
    {
        if (Normalize(url) is not { } local)
        {
            return Root(pathBase);
        }

        return local[0] == '~' ? pathBase + local[1..] : local;
    }

    /// <summary>The site's root under the app's path base.</summary>
    public static string Root(string pathBase) => string.IsNullOrEmpty(pathBase) ? "/" : pathBase;

    private static bool HasLocalShape(string url)
    {
        if (url[0] == '/')
        {
            return url.Length == 1 || (url[1] != '/' && url[1] != '\\');
        }

        if (url.Length > 1 && url[0] == '~' && url[1] == '/')
        {
            return url.Length == 2 || (url[2] != '/' && url[2] != '\\');
        }

        return false;
    }

    private static string? PercentEncodeNonAscii(string url)
    {
        var builder = new StringBuilder(url.Length * 2);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < url.Length;)
        {
            if (Rune.DecodeFromUtf16(url.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return null;   // a lone surrogate has no UTF-8 form
            }

            if (rune.IsAscii)
            {
                builder.Append((char)rune.Value);
            }
            else
            {
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            i += consumed;
        }

        return builder.ToString();
    }
}
