using Microsoft.AspNetCore.Mvc;
using MvcSample.DevSms;

namespace MvcSample.Controllers;

/// <summary>
/// Embedded mode only: lists the SMS the emulator "sent", so a developer can sign in without a phone.
/// HTML for people, JSON (newest first) for scripts and tests that ask for it with <c>Accept: application/json</c>.
/// </summary>
public sealed class DevSmsController(IDevSmsSource source) : Controller
{
    private const string JsonMediaType = "application/json";

    [HttpGet(MosaicMode.DevSmsPath)]
    // Passcodes must not linger in any cache, and the body depends on Accept.
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public IActionResult Index()
    {
        Response.Headers.Vary = "Accept";

        // Sorted here too, so the page's "newest first" promise does not rest on every source keeping it.
        var messages = source.GetMessages().OrderByDescending(m => m.SentAt).ToList();

        if (WantsJson())
        {
            return Json(messages.Select(DevSmsJson.From));
        }

        return View(messages);
    }

    private bool WantsJson() =>
        Request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase));
}
