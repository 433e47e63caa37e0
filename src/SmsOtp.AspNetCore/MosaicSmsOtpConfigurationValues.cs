using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace SmsOtp.AspNetCore;

/// <summary>
/// Reads a scheme's configuration section value by value against the options' property types, before binding. The
/// binder stops at the first value it cannot convert, with its own message and nothing else; this keeps every value
/// that converts, and turns each one that does not into a problem that names the key and what to write (for an enum,
/// its valid names), which the validator reports with all the others.
/// </summary>
internal static class MosaicSmsOtpConfigurationValues
{
    /// <summary>The section's convertible values as a configuration to bind; <paramref name="problems"/> gets the others.</summary>
    public static IConfiguration Checked(IConfiguration section, string sectionPath, List<string> problems)
    {
        var convertible = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (value is null)
            {
                continue;
            }

            if (TargetType(typeof(MosaicSmsOtpOptions), key.Split(':')) is { } type && Problem(type, value) is { } expected)
            {
                problems.Add($"'{sectionPath}:{key}' is '{value}', which is not {expected}.");
                continue;
            }

            convertible[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(convertible).Build();
    }

    /// <summary>The type a key binds to, following nested options and collections; null when the binder would ignore it.</summary>
    private static Type? TargetType(Type type, ReadOnlySpan<string> path)
    {
        while (path.Length > 0)
        {
            if (ElementType(type) is { } element)
            {
                // A collection's next segment is its index (or a dictionary key).
                type = element;
                path = path[1..];
                continue;
            }

            var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return null;
            }

            type = property.PropertyType;
            path = path[1..];
        }

        return type;
    }

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string) || !type.IsGenericType)
        {
            return null;
        }

        var arguments = type.GetGenericArguments();
        return typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? arguments[^1] : null;
    }

    /// <summary>What the value should have been, or null when it converts.</summary>
    private static string? Problem(Type type, string value)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (value.Length == 0 && type != typeof(string))
        {
            // An empty value (an unset placeholder in appsettings.json) is not bound to a non-string option at all.
            return null;
        }

        if (type.IsEnum)
        {
            // Names only: the binder also takes numbers, which give values the enum does not define.
            var names = Enum.GetNames(type);
            var valid = value.Split(',', StringSplitOptions.TrimEntries).All(part => names.Contains(part, StringComparer.OrdinalIgnoreCase))
                && (type.IsDefined(typeof(FlagsAttribute)) || !value.Contains(',', StringComparison.Ordinal));
            return valid ? null : $"a {type.Name}: use one of {string.Join(", ", names)}";
        }

        var converter = TypeDescriptor.GetConverter(type);
        if (!converter.CanConvertFrom(typeof(string)))
        {
            return null;
        }

        try
        {
            _ = converter.ConvertFromString(null, CultureInfo.InvariantCulture, value);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException or UriFormatException)
        {
            return type switch
            {
                _ when type == typeof(TimeSpan) => "a time span: write it as [d.]hh:mm:ss, for example 00:10:00 for ten minutes",
                _ when type == typeof(bool) => "a boolean: use true or false",
                _ when type == typeof(int) || type == typeof(long) => "a whole number",
                _ when type == typeof(Uri) => "a URL: write an absolute http(s) URL",
                _ when type.Name == "PathString" => "a path: it must start with '/'",
                _ => $"a {type.Name}",
            };
        }
    }
}
