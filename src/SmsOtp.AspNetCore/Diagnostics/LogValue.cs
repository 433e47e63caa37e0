namespace SmsOtp.AspNetCore.Diagnostics;

/// <summary>Makes values that arrive from outside safe to log.</summary>
internal static class LogValue
{
    /// <summary>An error code from a query string: letters, digits and underscores, at most 64 of them.</summary>
    public static string Token(string value)
    {
        var kept = new string(value.Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').Take(64).ToArray());
        return kept.Length == 0 ? "unknown" : kept;
    }
}
