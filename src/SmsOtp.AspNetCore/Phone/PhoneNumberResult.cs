using SmsOtp.AspNetCore.Text;

namespace SmsOtp.AspNetCore.Phone;

/// <summary>
/// The outcome of normalising a typed phone number: the E.164 form on success, otherwise the reason it was refused.
/// </summary>
/// <param name="E164">The number in E.164 form (ASCII only, for example <c>+16175551212</c>); <see langword="null"/> unless it succeeded.</param>
/// <param name="Error">Why the number was refused, or <see cref="PhoneNumberError.None"/>.</param>
internal readonly record struct PhoneNumberResult(string? E164, PhoneNumberError Error)
{
    /// <summary>Gets a value indicating whether the number was accepted.</summary>
    public bool Succeeded => Error == PhoneNumberError.None;

    /// <summary>
    /// Gets the ISO 3166-1 alpha-2 region of the number (<c>001</c> for non-geographic numbers) when it was parsed,
    /// including when it was refused for its region or type; otherwise <see langword="null"/>.
    /// </summary>
    public string? Region { get; init; }

    /// <summary>Gets the key of the sentence that says what to fix (<see cref="SmsOtpMessageKeys"/>); <see langword="null"/> on success.</summary>
    public string? MessageKey => Succeeded ? null : SmsOtpMessageKeys.For(Error);

    internal static PhoneNumberResult Success(string e164, string? region) => new(e164, PhoneNumberError.None) { Region = region };

    internal static PhoneNumberResult Failure(PhoneNumberError error, string? region = null) => new(null, error) { Region = region };
}
