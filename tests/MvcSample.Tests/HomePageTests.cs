using MvcSample.Tests.Infrastructure;

namespace MvcSample.Tests;

public sealed class HomePageTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    [Fact]
    public async Task Home_renders_publicly_with_sign_in_link_and_emulator_banner()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Sign in with a one-time passcode by SMS</h1>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/signin-sms\"", html, StringComparison.Ordinal);
        Assert.Contains("Not signed in", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Emulator mode\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_layout_shows_phone_number_and_sign_out_form()
    {
        using var visitor = factory.CreateVisitor();
        (await visitor.SignInAsync(factory, TestPhoneNumbers.SignedInLayout)).Dispose();

        var html = WebUtility.HtmlDecode(await visitor.GetStringAsync("/"));

        Assert.Contains($"Signed in as <strong>{TestPhoneNumbers.SignedInLayout}</strong>", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/signout\"", html, StringComparison.Ordinal);
        Assert.Contains(Antiforgery.FieldName, html, StringComparison.Ordinal);
    }
}
