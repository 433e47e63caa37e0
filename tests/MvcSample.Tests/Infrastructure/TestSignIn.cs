using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MvcSample.Tests.Infrastructure;

/// <summary>
/// Signs a request in when it carries <see cref="Header"/>, standing in for the SMS handler that phase 2 brings,
/// so the signed-in pages can be tested now. Requests without the header stay anonymous.
/// </summary>
internal sealed class TestSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestSignIn";
    public const string Header = "X-Test-Signed-In";
    public const string PhoneNumber = "+14155550123";
    public const string UserId = "user-7f3a";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.ContainsKey(Header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, UserId),
                new Claim(ClaimTypes.MobilePhone, PhoneNumber),
                new Claim("phone_number", PhoneNumber),
                new Claim("amr", "sms"),
            ],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
