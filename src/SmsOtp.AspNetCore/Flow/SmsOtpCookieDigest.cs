using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace SmsOtp.AspNetCore.Flow;

/// <summary>
/// SHA-256 over a label and a flow cookie's protected value: what the values derived from that cookie (the forms'
/// tokens, the code-accepted mark) are made of. Only a holder of the cookie can compute it, and the cookie is HttpOnly and
/// bound to this host; the label keeps one derived value from standing in for another.
/// </summary>
internal static class SmsOtpCookieDigest
{
    public const int Size = 32;

    public static void Compute(ReadOnlySpan<byte> label, string cookieValue, Span<byte> destination)
    {
        // A protected value is base64url: ASCII.
        var rented = ArrayPool<byte>.Shared.Rent(label.Length + Encoding.ASCII.GetMaxByteCount(cookieValue.Length));
        try
        {
            label.CopyTo(rented);
            var written = Encoding.ASCII.GetBytes(cookieValue, rented.AsSpan(label.Length));
            SHA256.HashData(rented.AsSpan(0, label.Length + written), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
