using Microsoft.AspNetCore.Mvc;

namespace MvcSample.Controllers;

/// <summary>The page the exception handler shows outside Development: no stack traces for visitors.</summary>
public sealed class ErrorController : Controller
{
    [Route("/error")]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult Index() => View();
}
