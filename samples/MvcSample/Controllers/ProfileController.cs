using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MvcSample.Models;

namespace MvcSample.Controllers;

/// <summary>What the signed-in user's Mosaic identity looks like: phone number, user id and every claim.</summary>
[Authorize]
public sealed class ProfileController : Controller
{
    [HttpGet("/profile")]
    public IActionResult Index() => View(ProfileViewModel.From(User));
}
