using MvcSample.Tests.Infrastructure;

namespace MvcSample.Tests;

public sealed class SignOutTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    [Fact]
    public async Task Sign_out_without_antiforgery_token_is_rejected_and_the_session_survives()
    {
        using var visitor = factory.CreateVisitor();
        (await visitor.SignInAsync(factory, TestPhoneNumbers.SignOutForged)).Dispose();

        using var response = await visitor.Client.PostAsync(new Uri("/signout", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(ClearsAuthCookie(response), "A forged sign-out must not clear the session.");
        using var profile = await visitor.Client.GetAsync(new Uri("/profile", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task Sign_out_with_token_from_the_layout_ends_the_session_and_profile_challenges_again()
    {
        using var visitor = factory.CreateVisitor();
        (await visitor.SignInAsync(factory, TestPhoneNumbers.SignOut)).Dispose();
        var token = Antiforgery.TokenFrom(await visitor.GetStringAsync("/"));

        using var response = await visitor.Client.PostAsync(
            new Uri("/signout", UriKind.Relative),
            new FormUrlEncodedContent([new(Antiforgery.FieldName, token)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.True(ClearsAuthCookie(response), "Sign-out must expire the authentication cookie.");
        using var profile = await visitor.Client.GetAsync(new Uri("/profile", UriKind.Relative));
        Assert.Equal(HttpStatusCode.SeeOther, profile.StatusCode);
        Assert.Equal("/signin-sms", profile.Headers.Location?.OriginalString);
    }

    private static bool ClearsAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith(".AspNetCore.Cookies=;", StringComparison.Ordinal)
                            && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
}
