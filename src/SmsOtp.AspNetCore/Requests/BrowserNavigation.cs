using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore.Requests;

/// <summary>
/// Tells a person's page navigation from script and API requests, which must not be redirected to an HTML sign-in
/// page (and must not start a flow that would replace the one in progress in the same browser).
/// </summary>
internal static class BrowserNavigation
{
    /// <summary>
    /// The <c>Accept</c> header of Blazor's enhanced navigation and enhanced forms (blazor.web.js sets exactly this value;
    /// Blazor's own server code recognises it the same way).
    /// </summary>
    public const string BlazorEnhancedNavigationAccept = "text/html; blazor-enhanced-nav=on";

    /// <summary>
    /// The header with which a response tells blazor.web.js to leave the page for a URL (<c>location.replace</c>)
    /// instead of patching the response into the current document.
    /// </summary>
    public const string BlazorEnhancedNavigationRedirectHeader = "blazor-enhanced-nav-redirect-location";

    public static bool IsNavigation(HttpRequest request)
    {
        // A person clicked a link or submitted a form in a Blazor Web App: a page navigation, fetched by blazor.web.js.
        if (IsBlazorEnhancedNavigation(request))
        {
            return true;
        }

        // Browsers label every request; only navigations and frames are "navigate" (older Chromium: "nested-navigate").
        var mode = request.Headers["Sec-Fetch-Mode"].ToString();
        if (mode.Length > 0)
        {
            return mode is "navigate" or "nested-navigate";
        }

        // The cookie handler's convention for XHR.
        if (string.Equals(request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.Ordinal)
            || string.Equals(request.Query["X-Requested-With"], "XMLHttpRequest", StringComparison.Ordinal))
        {
            return false;
        }

        var accept = request.Headers.Accept.ToString();
        return !(accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Whether blazor.web.js fetched this request for an enhanced navigation or form post. A redirect would be followed
    /// inside that <c>fetch</c>: to another site it is opaque, and a page that is not a Blazor endpoint is loaded twice
    /// (GET) or refused (POST); so such requests are sent on with <see cref="RedirectBlazorEnhancedNavigation"/>.
    /// </summary>
    public static bool IsBlazorEnhancedNavigation(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        return accept.Count == 1 && string.Equals(accept[0], BlazorEnhancedNavigationAccept, StringComparison.Ordinal);
    }

    /// <summary>
    /// Sends an enhanced navigation to <paramref name="location"/> as a full page load: blazor.web.js reads the header
    /// before anything else and calls <c>location.replace</c>, for GETs and form posts, local and external URLs alike.
    /// </summary>
    public static void RedirectBlazorEnhancedNavigation(HttpResponse response, int statusCode, string location)
    {
        response.StatusCode = statusCode;
        response.Headers[BlazorEnhancedNavigationRedirectHeader] = location;
        response.Headers.Location = location;
        response.Headers.CacheControl = "no-store";

        // An instruction to Blazor's script, never shown: the app's status-code pages (the blazor template re-executes
        // /not-found for empty 4xx answers) must not render a page for it.
        if (response.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
    }
}
