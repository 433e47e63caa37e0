using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>The MVC app's protected page.</summary>
[Authorize]
public sealed class SecureController : Controller
{
    [HttpGet("/mvc/secure")]
    public IActionResult Index() => Content("mvc:" + User.FindFirst(MosaicSmsOtpClaims.PhoneNumber)?.Value);
}
