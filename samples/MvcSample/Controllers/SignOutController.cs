using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace MvcSample.Controllers;

/// <summary>
/// Ends the session. POST only, and antiforgery-checked by the global filter, so no other site can sign a user out.
/// </summary>
#region sign-out
public sealed class SignOutController : Controller
{
    [HttpPost("/signout")]
    public async Task<IActionResult> Post()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/");
    }
}
#endregion
