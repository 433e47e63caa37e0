using System.Net;
using System.Text.RegularExpressions;

namespace SmsOtp.AspNetCore.Testing.SignIn;

/// <summary>
/// A form found in a page: where it posts and the fields it would submit (hidden ones included). Pages are read by
/// their form fields, never by their text, so localized or restyled pages still work.
/// </summary>
internal sealed partial class HtmlForm
{
    private HtmlForm(Uri action, string method, List<KeyValuePair<string, string>> fields)
    {
        Action = action;
        Method = method;
        Fields = fields;
    }

    public Uri Action { get; }

    public string Method { get; }

    /// <summary>Named inputs with their values, in document order (buttons and checkboxes excluded).</summary>
    public List<KeyValuePair<string, string>> Fields { get; }

    public bool Has(string name) => Fields.Exists(field => string.Equals(field.Key, name, StringComparison.Ordinal));

    /// <summary>The fields with <paramref name="name"/> set to <paramref name="value"/> (added when absent).</summary>
    public List<KeyValuePair<string, string>> With(string name, string value)
    {
        var fields = Fields.Where(field => !string.Equals(field.Key, name, StringComparison.Ordinal)).ToList();
        fields.Add(new(name, value));
        return fields;
    }

    public static IReadOnlyList<HtmlForm> Parse(string html, Uri pageUrl)
    {
        var forms = new List<HtmlForm>();
        foreach (Match form in FormPattern().Matches(html))
        {
            var attributes = ReadAttributes(form.Groups["attributes"].Value);
            var action = attributes.TryGetValue("action", out var target) && target.Length > 0 ? new Uri(pageUrl, target) : pageUrl;
            var method = attributes.TryGetValue("method", out var m) ? m.ToUpperInvariant() : "GET";
            var fields = new List<KeyValuePair<string, string>>();
            foreach (Match input in InputPattern().Matches(form.Groups["body"].Value))
            {
                var inputAttributes = ReadAttributes(input.Groups["attributes"].Value);
                var type = inputAttributes.GetValueOrDefault("type", "text").ToUpperInvariant();
                if (inputAttributes.TryGetValue("name", out var name) && name.Length > 0
                    && type is not ("SUBMIT" or "BUTTON" or "IMAGE" or "RESET" or "CHECKBOX" or "RADIO" or "FILE"))
                {
                    fields.Add(new(name, inputAttributes.GetValueOrDefault("value", string.Empty)));
                }
            }

            forms.Add(new HtmlForm(action, method, fields));
        }

        return forms;
    }

    private static Dictionary<string, string> ReadAttributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match attribute in AttributePattern().Matches(text))
        {
            var value = attribute.Groups["double"].Success ? attribute.Groups["double"].Value
                : attribute.Groups["single"].Success ? attribute.Groups["single"].Value
                : attribute.Groups["bare"].Value;
            attributes.TryAdd(attribute.Groups["name"].Value, WebUtility.HtmlDecode(value));
        }

        return attributes;
    }

    [GeneratedRegex(@"<form\b(?<attributes>[^>]*)>(?<body>.*?)</form\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<input\b(?<attributes>[^>]*)>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex InputPattern();

    [GeneratedRegex(@"(?<name>[^\s=/>""']+)(?:\s*=\s*(?:""(?<double>[^""]*)""|'(?<single>[^']*)'|(?<bare>[^\s>""']+)))?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AttributePattern();
}
