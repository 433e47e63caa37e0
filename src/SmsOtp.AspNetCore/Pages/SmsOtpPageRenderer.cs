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
    /// <summary>
    /// Renders the page, then (once it rendered: a component that throws leaves the response untouched) lets
    /// <paramref name="startResponse"/> set the status and headers and writes the HTML into the response's pipe,
    /// without a string of it. A HEAD request gets the headers only.
    /// </summary>
    public async Task RenderToResponseAsync(HttpContext context, SmsOtpPageModel model, Type page, bool builtIn, MosaicSmsOtpPagesOptions options, Action<HttpContext> startResponse)
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
        var withBody = !HttpMethods.IsHead(context.Request.Method);
        await using var renderer = new HtmlRenderer(context.RequestServices, loggerFactory);
        await renderer.Dispatcher.InvokeAsync(async () =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            var output = await renderer.RenderComponentAsync<SmsOtpDocument>(parameters);
            startResponse(context);
            if (withBody)
            {
                // The HTML is written where the renderer is (it must be, on its dispatcher); the pipe is flushed below.
                using var writer = new SmsOtpUtf8BufferTextWriter(context.Response.BodyWriter);
                output.WriteHtmlTo(writer);
                writer.Flush();
            }
        });

        if (withBody)
        {
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        }
    }
}
