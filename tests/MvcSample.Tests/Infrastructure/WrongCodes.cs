namespace MvcSample.Tests.Infrastructure;

/// <summary>A code that is certainly wrong: every digit of the real one, shifted by one.</summary>
internal static class WrongCodes
{
    public static string For(string code) =>
        string.Concat(code.Select(c => char.IsAsciiDigit(c) ? (char)('0' + ((c - '0' + 1) % 10)) : c));
}
