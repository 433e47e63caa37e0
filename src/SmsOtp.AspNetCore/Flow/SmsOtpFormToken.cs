using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SmsOtp.AspNetCore.Flow;

/// <summary>
/// The built-in forms' antiforgery token, bound to the data-protected flow cookie the browser holds (double submit,
/// like the platform's antiforgery, but with the flow cookie as the cookie half): the token is a digest of that
/// cookie's protected value, which only a page of this origin can learn, since the cookie is HttpOnly and never leaves
/// this origin. The POST is accepted when the token matches the cookie that came with it <em>and</em> that cookie
/// unprotects (the handler reads it anyway), so a planted cookie must be a genuine one. Each rendering masks the digest
/// with fresh random bytes, so that no two pages carry the same token (compression side channels, BREACH). The
/// rationale, and why it is as strong as <c>IAntiforgery</c>: docs/security.md, "Form tokens and the code-accepted mark".
/// </summary>
internal static class SmsOtpFormToken
{
    /// <summary>The form field, the platform's default name, so that forms and clients keep posting what they posted.</summary>
    public const string FieldName = "__RequestVerificationToken";

    private const int DigestSize = SmsOtpCookieDigest.Size;
    private const int TokenLength = 86; // 64 bytes in base64url, unpadded
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("SmsOtp.AspNetCore.FormToken.v1\0");

    /// <summary>A token for a form whose POST will come with the cookie value <paramref name="cookieValue"/>.</summary>
    public static string Create(string cookieValue)
    {
        Span<byte> token = stackalloc byte[DigestSize * 2];
        var mask = token[..DigestSize];
        var masked = token[DigestSize..];
        RandomNumberGenerator.Fill(mask);
        SmsOtpCookieDigest.Compute(Label, cookieValue, masked);
        for (var i = 0; i < DigestSize; i++)
        {
            masked[i] ^= mask[i];
        }

        return Base64Url.EncodeToString(token);
    }

    /// <summary>Whether <paramref name="token"/> has this token's form (whatever cookie it was made for).</summary>
    public static bool IsWellFormed(string? token)
    {
        Span<byte> decoded = stackalloc byte[DigestSize * 2];
        return token is { Length: TokenLength } && Base64Url.TryDecodeFromChars(token, decoded, out var written) && written == DigestSize * 2;
    }

    /// <summary>Whether <paramref name="token"/> was made for <paramref name="cookieValue"/> (compared in constant time).</summary>
    public static bool Matches(string? token, string cookieValue)
    {
        Span<byte> decoded = stackalloc byte[DigestSize * 2];
        if (token is null || token.Length != TokenLength || !Base64Url.TryDecodeFromChars(token, decoded, out var written) || written != DigestSize * 2)
        {
            return false;
        }

        var mask = decoded[..DigestSize];
        var masked = decoded[DigestSize..(DigestSize * 2)];
        Span<byte> expected = stackalloc byte[DigestSize];
        SmsOtpCookieDigest.Compute(Label, cookieValue, expected);
        for (var i = 0; i < DigestSize; i++)
        {
            masked[i] ^= mask[i];
        }

        return CryptographicOperations.FixedTimeEquals(masked, expected);
    }
}
