namespace SmsOtp.AspNetCore.Requests;

/// <summary>Reads a typed or pasted code: ASCII digits only, 4 to 8 of them, after dropping spaces and dashes.</summary>
internal static class PasscodeInput
{
    public static bool TryRead(string typed, out string passcode)
    {
        // Non-ASCII digits are refused, not converted (checklist B-22): Mosaic compares strings.
        passcode = string.Concat(typed.Where(c => c is not (' ' or '-' or '\u00a0')));
        return passcode.Length is >= 4 and <= 8 && passcode.All(char.IsAsciiDigit);
    }
}
