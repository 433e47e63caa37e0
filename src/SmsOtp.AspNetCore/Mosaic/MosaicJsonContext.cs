using System.Text.Json.Serialization;

namespace SmsOtp.AspNetCore.Mosaic;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendSmsRequest))]
[JsonSerializable(typeof(ValidateSmsRequest))]
[JsonSerializable(typeof(ValidateSmsResponse))]
[JsonSerializable(typeof(TokenEndpointResponse))]
internal sealed partial class MosaicJsonContext : JsonSerializerContext;
