using Microsoft.AspNetCore.Mvc;

namespace MvcSample.Controllers;

/// <summary>The public landing page.</summary>
public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View();
}
