using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Testing;

namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Fails a test when any log line (message, state values or exception text) holds a full phone number, a JWT, a
/// Bearer token, or one of the secrets the test knows (client secret, codes sent).
/// </summary>
internal static partial class LogScrubber
{
    public static void AssertClean(IReadOnlyList<FakeLogRecord> records, IEnumerable<string> secrets)
    {
        var known = secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct().ToArray();
        foreach (var record in records)
        {
            var text = string.Join(
                "\n",
                new[] { record.Message, record.Exception?.ToString() }
                    .Concat(record.StructuredState?.Select(kv => kv.Value) ?? [])
                    .Where(t => t is not null));
            Assert.False(FullPhoneNumber().IsMatch(text), $"A log line holds a full phone number: [{record.Category}] {record.Message}");
            Assert.False(Jwt().IsMatch(text), $"A log line holds a JWT: [{record.Category}] {record.Message}");
            Assert.DoesNotContain("Bearer ", text, StringComparison.Ordinal);
            foreach (var secret in known)
            {
                Assert.False(ContainsSecret(text, secret), $"A log line holds a secret or code: [{record.Category}] {record.Message}");
            }
        }
    }

    // Codes are short digit strings: only a match standing alone as a number counts.
    private static bool ContainsSecret(string text, string secret)
        => secret.All(char.IsAsciiDigit)
            ? Regex.IsMatch(text, $@"(?<![0-9]){Regex.Escape(secret)}(?![0-9])")
            : text.Contains(secret, StringComparison.Ordinal);

    [GeneratedRegex(@"\+[1-9][0-9]{6,14}")]
    private static partial Regex FullPhoneNumber();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}")]
    private static partial Regex Jwt();
}
