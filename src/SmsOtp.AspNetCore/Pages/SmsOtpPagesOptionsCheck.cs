using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace SmsOtp.AspNetCore.Pages;

/// <summary>
/// The start-up checks of <see cref="MosaicSmsOtpPagesOptions"/>: URLs the pages can load, custom properties that stay
/// inside their rule, and replacement components that take the model they will be given.
/// </summary>
internal static class SmsOtpPagesOptionsCheck
{
    public static IEnumerable<string> Problems(MosaicSmsOtpPagesOptions pages)
    {
        foreach (var (name, url) in new[] { ("LogoUrl", pages.LogoUrl), ("HomeUrl", pages.HomeUrl), ("StylesheetUrl", pages.StylesheetUrl) })
        {
            if (url is not null && !IsUsableUrl(url))
            {
                yield return $"MosaicSmsOtpOptions.Pages.{name} must be an app-relative path starting with '/' (for example /img/logo.svg) or an absolute https URL; it is '{url}'.";
            }
        }

        foreach (var (name, value) in pages.CssVariables)
        {
            if (!SmsOtpCssVariables.IsValidName(name))
            {
                yield return $"MosaicSmsOtpOptions.Pages.CssVariables has the name '{name}': names start with --smsotp- and use lower-case letters, digits and dashes (for example --smsotp-accent).";
            }
            else if (!SmsOtpCssVariables.IsValidValue(value))
            {
                yield return $"MosaicSmsOtpOptions.Pages.CssVariables['{name}'] = '{value}' is not allowed: use a colour, length or font name (letters, digits, spaces and #%.,()- only), or set it in Pages.StylesheetUrl.";
            }
        }

        foreach (var problem in ComponentProblems("PhonePage", pages.PhonePage, "Model", typeof(SmsOtpPhonePageModel))
            .Concat(ComponentProblems("CodePage", pages.CodePage, "Model", typeof(SmsOtpCodePageModel)))
            .Concat(ComponentProblems("MessagePage", pages.MessagePage, "Model", typeof(SmsOtpMessagePageModel)))
            .Concat(ComponentProblems("Layout", pages.Layout, "Body", typeof(RenderFragment)))
            .Concat(ComponentProblems("Layout", pages.Layout, "Page", typeof(SmsOtpPageModel))))
        {
            yield return problem;
        }
    }

    private static bool IsUsableUrl(string url)
        => (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal))
            || (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme == Uri.UriSchemeHttps);

    private static IEnumerable<string> ComponentProblems(string option, Type? component, string parameter, Type given)
    {
        if (component is null)
        {
            yield break;
        }

        if (!typeof(IComponent).IsAssignableFrom(component) || component.IsAbstract)
        {
            yield return $"MosaicSmsOtpOptions.Pages.{option} is {component.Name}, which is not a component: give a Razor component (a class deriving from ComponentBase).";
            yield break;
        }

        var property = component.GetProperty(parameter, BindingFlags.Public | BindingFlags.Instance);
        if (property is null || property.GetCustomAttribute<ParameterAttribute>() is null || !property.PropertyType.IsAssignableFrom(given))
        {
            yield return $"MosaicSmsOtpOptions.Pages.{option} is {component.Name}, which needs a parameter '[Parameter] public {given.Name} {parameter} {{ get; set; }}'.";
        }
    }
}
