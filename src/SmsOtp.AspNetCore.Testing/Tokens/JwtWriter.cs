using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SmsOtp.AspNetCore.Testing.Tokens;

/// <summary>
/// Writes compact JWS tokens directly (header and claims with <see cref="Utf8JsonWriter"/>, then one signature): the
/// emulator signs two tokens per sign-in, and a general-purpose token handler costs a fifth more than the RSA operation.
/// </summary>
internal static class JwtWriter
{
    /// <summary>Signs the bytes of <c>header.payload</c>; returns the signature.</summary>
    public delegate byte[] Signer(ReadOnlySpan<byte> signingInput);

    public static string Write(string algorithm, string? keyId, IReadOnlyDictionary<string, object> claims, Signer? signer)
    {
        var header = new ArrayBufferWriter<byte>(96);
        using (var writer = new Utf8JsonWriter(header))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", algorithm);
            if (keyId is not null)
            {
                writer.WriteString("kid", keyId);
            }

            writer.WriteString("typ", "JWT");
            writer.WriteEndObject();
        }

        var payload = new ArrayBufferWriter<byte>(768);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in claims)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        var headerLength = Base64Url.GetEncodedLength(header.WrittenCount);
        var payloadLength = Base64Url.GetEncodedLength(payload.WrittenCount);
        var input = new byte[headerLength + 1 + payloadLength];
        Base64Url.EncodeToUtf8(header.WrittenSpan, input);
        input[headerLength] = (byte)'.';
        Base64Url.EncodeToUtf8(payload.WrittenSpan, input.AsSpan(headerLength + 1));

        var signature = signer?.Invoke(input) ?? [];
        return string.Concat(Encoding.ASCII.GetString(input), ".", Base64Url.EncodeToString(signature));
    }

    public static Signer Rs256(RSA rsa) => input => rsa.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>RFC 7518 §3.4: the raw r‖s form (IEEE P1363), which is what .NET's ECDsa produces by default.</summary>
    public static Signer Es256(ECDsa ecdsa) => input => ecdsa.SignData(input, HashAlgorithmName.SHA256);

    public static Signer Hs256(byte[] key) => input => HMACSHA256.HashData(key, input);

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case IEnumerable<string> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException("Unsupported claim value type " + value.GetType().Name, nameof(value));
        }
    }
}
