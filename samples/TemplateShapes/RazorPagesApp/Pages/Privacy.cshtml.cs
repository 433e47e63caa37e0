using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RazorPagesApp.Pages;

/// <summary>The template's Privacy page, protected: opening it signed out starts the SMS sign-in.</summary>
[Authorize]
public class PrivacyModel : PageModel
{
    public void OnGet()
    {
    }
}
