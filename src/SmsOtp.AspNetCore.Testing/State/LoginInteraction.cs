namespace SmsOtp.AspNetCore.Testing.State;

/// <summary>
/// An authorization request being served by the hosted login page, between the phone form and the code form.
/// </summary>
internal sealed class LoginInteraction(AuthorizationRequest request, string csrfToken)
{
    public AuthorizationRequest Request { get; } = request;

    /// <summary>Also set as a cookie scoped to this interaction's path: a form post must carry both (double submit).</summary>
    public string CsrfToken { get; } = csrfToken;

    /// <summary>Set once the phone form was posted; read by the code form.</summary>
    public string? PhoneNumber { get; set; }
}
