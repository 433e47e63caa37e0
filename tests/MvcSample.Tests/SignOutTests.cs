using MvcSample.Tests.Infrastructure;

namespace MvcSample.Tests;

public sealed class SignOutTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    [Fact]
    public async Task Sign_out_without_antiforgery_token_is_rejected()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestSignIn.Header, "1");

        using var response = await client.PostAsync(new Uri("/signout", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(ClearsAuthCookie(response), "A forged sign-out must not clear the session.");
    }

    [Fact]
    public async Task Sign_out_with_token_from_the_layout_clears_the_session_and_returns_home()
    {
        // The client keeps cookies, so the antiforgery cookie set with the page goes back with the form.
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestSignIn.Header, "1");
        var token = Antiforgery.TokenFrom(await client.GetStringAsync(new Uri("/", UriKind.Relative)));

        using var response = await client.PostAsync(
            new Uri("/signout", UriKind.Relative),
            new FormUrlEncodedContent([new(Antiforgery.FieldName, token)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.True(ClearsAuthCookie(response), "Sign-out must expire the authentication cookie.");
    }

    private static bool ClearsAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith(".AspNetCore.Cookies=;", StringComparison.Ordinal)
                            && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
}
