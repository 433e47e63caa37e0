using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SmsOtp.AspNetCore.Pages;

/// <summary>
/// Renders a page to HTML with the platform's <see cref="HtmlRenderer"/> (no MVC needed; Razor encodes every value).
/// One renderer per request, over the request's services, so an app's component can inject scoped services.
/// </summary>
internal sealed class SmsOtpPageRenderer(ILoggerFactory loggerFactory)
{
    public async Task<string> RenderAsync(HttpContext context, SmsOtpPageModel model, Type page, bool builtIn, MosaicSmsOtpPagesOptions options)
    {
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(SmsOtpDocument.Model)] = model,
            [nameof(SmsOtpDocument.Page)] = page,
            [nameof(SmsOtpDocument.IsBuiltIn)] = builtIn,
            [nameof(SmsOtpDocument.Options)] = options,
            [nameof(SmsOtpDocument.Variables)] = SmsOtpCssVariables.RuleFor(options),
        });

        // The dispatcher may run the render elsewhere: carry the request's culture into it explicitly.
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        await using var renderer = new HtmlRenderer(context.RequestServices, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            var output = await renderer.RenderComponentAsync<SmsOtpDocument>(parameters);
            return output.ToHtmlString();
        });
    }
}
