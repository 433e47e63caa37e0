namespace SmsOtp.AspNetCore;

/// <summary>
/// Names of the claims Mosaic puts in an SMS login's ID token, as kept on the signed-in principal.
/// </summary>
public static class MosaicSmsOtpClaims
{
    /// <summary>The user's phone number in E.164 (also mapped to <see cref="System.Security.Claims.ClaimTypes.MobilePhone"/>).</summary>
    public const string PhoneNumber = "phone_number";

    /// <summary>Whether Mosaic has verified the phone number (<c>true</c> after an SMS login).</summary>
    public const string PhoneNumberVerified = "phone_number_verified";

    /// <summary>Whether Mosaic created the user during this login.</summary>
    public const string NewUser = "new_user";

    /// <summary>The authentication methods used, one claim per value (for SMS login: <c>sms</c>).</summary>
    public const string AuthenticationMethod = "amr";

    /// <summary>The Mosaic tenant id.</summary>
    public const string TenantId = "tid";

    /// <summary>The Mosaic user id (also mapped to <see cref="System.Security.Claims.ClaimTypes.NameIdentifier"/>).</summary>
    public const string Subject = "sub";

    /// <summary>When the user authenticated, in seconds since the Unix epoch.</summary>
    public const string AuthenticationTime = "auth_time";
}
