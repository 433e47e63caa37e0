using Microsoft.AspNetCore.Authentication;

namespace SmsOtp.AspNetCore.Flow;

/// <summary>
/// The flow's binary form inside the protected cookie. The leading version lets a later format refuse older cookies
/// cleanly instead of misreading them.
/// </summary>
internal sealed class SmsOtpFlowSerializer : IDataSerializer<SmsOtpFlow>
{
    private const byte FormatVersion = 3;

    // Once the code-accepted flag; that is a cookie of its own now (SmsOtpFlowCookie.WriteCodeAccepted). Kept, written
    // as 0, so that flows in progress during an upgrade still read.
    private const byte NoFlags = 0;

    public static SmsOtpFlowSerializer Instance { get; } = new();

    public byte[] Serialize(SmsOtpFlow model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(FormatVersion);
            writer.Write(model.FlowId);
            writer.Write(model.Nonce);
            writer.Write(model.CreatedAt.ToUnixTimeMilliseconds());
            writer.Write(model.PhoneNumber ?? string.Empty);
            writer.Write(NoFlags);
            PropertiesSerializer.Default.Write(writer, model.Properties);
        }

        return stream.ToArray();
    }

    public SmsOtpFlow? Deserialize(byte[] data)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(data));
            if (reader.ReadByte() != FormatVersion)
            {
                return null;
            }

            var flowId = reader.ReadString();
            var nonce = reader.ReadString();
            var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
            var phoneNumber = reader.ReadString();
            _ = reader.ReadByte();
            var properties = PropertiesSerializer.Default.Read(reader);
            if (properties is null || flowId.Length == 0 || nonce.Length == 0)
            {
                return null;
            }

            return new SmsOtpFlow
            {
                FlowId = flowId,
                Nonce = nonce,
                CreatedAt = createdAt,
                PhoneNumber = phoneNumber.Length == 0 ? null : phoneNumber,
                Properties = properties,
            };
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or FormatException or ArgumentException)
        {
            return null;
        }
    }
}
