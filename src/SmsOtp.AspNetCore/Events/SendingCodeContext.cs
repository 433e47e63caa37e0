using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore;

/// <summary>
/// The context of <see cref="MosaicSmsOtpEvents.SendingCode"/>: what is about to be sent to Mosaic, editable per request.
/// </summary>
public sealed class SendingCodeContext : PropertiesContext<MosaicSmsOtpOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <param name="options">The handler options.</param>
    /// <param name="properties">The flow's authentication properties.</param>
    /// <param name="phoneNumber">The E.164 number the code goes to.</param>
    public SendingCodeContext(HttpContext context, AuthenticationScheme scheme, MosaicSmsOtpOptions options, AuthenticationProperties properties, string phoneNumber)
        : base(context, scheme, options, properties)
    {
        PhoneNumber = phoneNumber;
        CustomMessage = options.CustomMessage;
        SenderId = options.SenderId;
        CreateNewUser = options.CreateNewUser;
        RequestedClaims = new List<string>(options.RequestedClaims);
    }

    /// <summary>The E.164 number the code goes to.</summary>
    public string PhoneNumber { get; }

    /// <summary>
    /// The SMS text (with <c>{otp}</c> and <c>{app}</c>): <see cref="MosaicSmsOtpOptions.CustomMessage"/>, else the
    /// package's text in the request's culture; null sends Mosaic's own default. The origin-bound line
    /// (<see cref="MosaicSmsOtpOptions.OriginBoundCodes"/>) is appended after this event.
    /// </summary>
    public string? CustomMessage { get; set; }

    /// <summary>The sender id, or null.</summary>
    public string? SenderId { get; set; }

    /// <summary>Whether Mosaic may create a user for an unknown number.</summary>
    public bool CreateNewUser { get; set; }

    /// <summary>The ID token claims to request.</summary>
    public IList<string> RequestedClaims { get; }
}
