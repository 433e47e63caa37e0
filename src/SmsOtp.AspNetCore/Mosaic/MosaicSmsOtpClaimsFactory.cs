using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// Builds the signed-in identity from a validated ID token: <c>sub</c> → NameIdentifier, <c>phone_number</c> →
/// MobilePhone and <c>phone_number</c>, and <c>amr</c>, <c>tid</c>, <c>new_user</c>, <c>phone_number_verified</c>,
/// <c>auth_time</c> kept as they are.
/// </summary>
internal static class MosaicSmsOtpClaimsFactory
{
    public static ClaimsIdentity CreateIdentity(JsonWebToken token, string authenticationType, string issuer)
    {
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.NameIdentifier, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, token.Subject, ClaimValueTypes.String, issuer));
        identity.AddClaim(new Claim(MosaicSmsOtpClaims.Subject, token.Subject, ClaimValueTypes.String, issuer));
        if (token.TryGetPayloadValue<string>(MosaicSmsOtpClaims.PhoneNumber, out var phone) && !string.IsNullOrEmpty(phone))
        {
            identity.AddClaim(new Claim(ClaimTypes.MobilePhone, phone, ClaimValueTypes.String, issuer));
            identity.AddClaim(new Claim(MosaicSmsOtpClaims.PhoneNumber, phone, ClaimValueTypes.String, issuer));
        }

        AddBoolean(identity, token, MosaicSmsOtpClaims.PhoneNumberVerified, issuer);
        AddBoolean(identity, token, MosaicSmsOtpClaims.NewUser, issuer);
        if (token.TryGetPayloadValue<string>(MosaicSmsOtpClaims.TenantId, out var tid) && !string.IsNullOrEmpty(tid))
        {
            identity.AddClaim(new Claim(MosaicSmsOtpClaims.TenantId, tid, ClaimValueTypes.String, issuer));
        }

        if (token.TryGetPayloadValue<JsonElement>(MosaicSmsOtpClaims.AuthenticationMethod, out var amr))
        {
            var methods = amr.ValueKind == JsonValueKind.Array ? amr.EnumerateArray().ToArray() : [amr];
            foreach (var method in methods.Where(m => m.ValueKind == JsonValueKind.String))
            {
                identity.AddClaim(new Claim(MosaicSmsOtpClaims.AuthenticationMethod, method.GetString()!, ClaimValueTypes.String, issuer));
            }
        }

        if (token.TryGetPayloadValue<long>(MosaicSmsOtpClaims.AuthenticationTime, out var authTime))
        {
            identity.AddClaim(new Claim(MosaicSmsOtpClaims.AuthenticationTime, authTime.ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64, issuer));
        }

        return identity;
    }

    private static void AddBoolean(ClaimsIdentity identity, JsonWebToken token, string name, string issuer)
    {
        if (token.TryGetPayloadValue<bool>(name, out var value))
        {
            identity.AddClaim(new Claim(name, value ? "true" : "false", ClaimValueTypes.Boolean, issuer));
        }
    }
}
