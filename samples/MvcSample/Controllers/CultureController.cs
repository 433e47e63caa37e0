using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using MvcSample.Localization;

namespace MvcSample.Controllers;

/// <summary>
/// The language picker's target: remembers the choice in the request-culture cookie and goes back. A GET, because it
/// changes only a display preference, so it works from the sign-in pages' forms as well (their CSP allows 'self').
/// </summary>
public sealed class CultureController : Controller
{
    [HttpGet("/culture")]
    public IActionResult Set(string? culture, string? returnUrl)
    {
        if (SampleCultures.All.FirstOrDefault(c => c.Name == culture) is { } chosen)
        {
            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
