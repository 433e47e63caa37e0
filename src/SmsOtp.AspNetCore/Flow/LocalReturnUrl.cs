namespace SmsOtp.AspNetCore.Flow;

/// <summary>
/// Keeps return URLs on this site. RemoteAuthenticationHandler redirects to the ticket's RedirectUri without a check,
/// so every value is vetted here, when the flow starts.
/// </summary>
internal static class LocalReturnUrl
{
    /// <summary>
    /// True for a path on this host: <c>/x</c> or <c>~/x</c>, but not <c>//host</c>, <c>/\host</c> (browsers read both as
    /// another host), and nothing with control characters or white space (browsers drop tabs and newlines, so
    /// <c>/\t/evil</c> would become <c>//evil</c>).
    /// </summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2048)
        {
            return false;
        }

        foreach (var c in url)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

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

    /// <summary>The URL when it is local, otherwise <c>/</c> (under the app's path base).</summary>
    public static string OrRoot(string? url, string pathBase)
    {
        if (!IsLocal(url))
        {
            return string.IsNullOrEmpty(pathBase) ? "/" : pathBase;
        }

        return url![0] == '~' ? pathBase + url[1..] : url;
    }
}
