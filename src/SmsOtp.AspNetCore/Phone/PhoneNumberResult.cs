namespace SmsOtp.AspNetCore.Phone;

/// <summary>
/// The outcome of normalising a typed phone number: the E.164 form on success, otherwise the reason it was refused.
/// </summary>
/// <param name="E164">The number in E.164 form (ASCII only, for example <c>+16175551212</c>); <see langword="null"/> unless it succeeded.</param>
/// <param name="Error">Why the number was refused, or <see cref="PhoneNumberError.None"/>.</param>
internal readonly record struct PhoneNumberResult(string? E164, PhoneNumberError Error)
{
    // Every message gives the user something to do; none repeats what was typed (it may not be a phone number at all).
    private const string Example = "for example +1 415 555 0100";

    /// <summary>Gets a value indicating whether the number was accepted.</summary>
    public bool Succeeded => Error == PhoneNumberError.None;

    /// <summary>
    /// Gets the ISO 3166-1 alpha-2 region of the number (<c>001</c> for non-geographic numbers) when it was parsed,
    /// including when it was refused for its region or type; otherwise <see langword="null"/>.
    /// </summary>
    public string? Region { get; init; }

    /// <summary>Gets a short English sentence for the form that says what to fix; empty on success.</summary>
    public string UserMessage => Error switch
    {
        PhoneNumberError.None => string.Empty,
        PhoneNumberError.Missing => $"Enter your mobile number, starting with + and your country code, {Example}.",
        PhoneNumberError.TooLong => $"That is too long for a phone number. Enter only your mobile number, {Example}.",
        PhoneNumberError.NotANumber => $"Use only digits, spaces, dashes, dots and brackets, starting with + and your country code, {Example}.",
        PhoneNumberError.InvalidNumber => $"That is not a valid mobile number. Enter your mobile number in international format, {Example}.",
        PhoneNumberError.RegionNotAllowed => "We cannot send codes to numbers in that country. Enter a mobile number from a supported country.",
        PhoneNumberError.CannotReceiveSms => "That number cannot receive text messages. Enter a mobile number.",
        _ => $"Enter your mobile number in international format, {Example}.",
    };

    internal static PhoneNumberResult Success(string e164, string? region) => new(e164, PhoneNumberError.None) { Region = region };

    internal static PhoneNumberResult Failure(PhoneNumberError error, string? region = null) => new(null, error) { Region = region };
}
