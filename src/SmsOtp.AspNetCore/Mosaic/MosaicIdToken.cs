using Microsoft.IdentityModel.JsonWebTokens;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>A validated ID token.</summary>
internal sealed record MosaicIdToken(JsonWebToken Token);
