using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore.Requests;

/// <summary>
/// Tells a person's page navigation from script and API requests, which must not be redirected to an HTML sign-in
/// page (and must not start a flow that would replace the one in progress in the same browser).
/// </summary>
internal static class BrowserNavigation
{
    public static bool IsNavigation(HttpRequest request)
    {
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
}
