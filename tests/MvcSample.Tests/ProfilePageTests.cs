using MvcSample.Tests.Infrastructure;

namespace MvcSample.Tests;

public sealed class ProfilePageTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    [Fact]
    public async Task Anonymous_profile_request_is_challenged_to_signin_sms()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/profile", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin-sms", response.Headers.Location?.AbsolutePath);
        Assert.Equal("?ReturnUrl=%2Fprofile", response.Headers.Location?.Query);
    }

    [Fact]
    public async Task Signed_in_profile_shows_phone_number_user_id_and_every_claim()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(TestSignIn.Header, "1");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/profile", UriKind.Relative)));

        Assert.Contains($"<dd data-testid=\"phone-number\">{TestSignIn.PhoneNumber}</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dd data-testid=\"user-id\">{TestSignIn.UserId}</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<td><code>phone_number</code></td>", html, StringComparison.Ordinal);
        Assert.Contains("<td><code>amr</code></td>", html, StringComparison.Ordinal);
        Assert.Contains("<td><code>http://schemas.xmlsoap.org/ws/2005/05/identity/claims/mobilephone</code></td>", html, StringComparison.Ordinal);
    }
}
