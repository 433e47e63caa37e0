namespace SmsOtp.AspNetCore.Pages;

/// <summary>The hidden antiforgery field every form of the pages must carry.</summary>
/// <param name="name">The field's name.</param>
/// <param name="value">The request token.</param>
public sealed class SmsOtpAntiforgeryField(string name, string value)
{
    /// <summary>Gets the field's name.</summary>
    public string Name { get; } = name;

    /// <summary>Gets the request token.</summary>
    public string Value { get; } = value;
}
