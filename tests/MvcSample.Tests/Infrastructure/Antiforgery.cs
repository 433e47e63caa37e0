using System.Text.RegularExpressions;

namespace MvcSample.Tests.Infrastructure;

/// <summary>Reads the antiforgery token a rendered form carries, as a browser would submit it.</summary>
internal static partial class Antiforgery
{
    public const string FieldName = "__RequestVerificationToken";

    public static string TokenFrom(string html)
    {
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token field.");
        return match.Groups["token"].Value;
    }

    // MVC writes name, type, value; the handler's pages write type, name, value: either order is read.
    [GeneratedRegex("""<input(?=[^>]*\bname="__RequestVerificationToken")[^>]*\bvalue="(?<token>[^"]+)"[^>]*>""", RegexOptions.CultureInvariant)]
    private static partial Regex TokenInput();
}
