using System.Text.RegularExpressions;
using MvcSample.Tests.Infrastructure;

namespace MvcSample.Tests;

public sealed partial class SignInFlowTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    [Fact]
    public async Task Profile_challenge_phone_page_code_from_outbox_and_callback_land_on_profile_with_number_and_user_id()
    {
        const string phone = TestPhoneNumbers.SignInFlow;
        using var visitor = factory.CreateVisitor();

        var phonePage = await visitor.GetStringAsync("/profile");
        Assert.Equal([(HttpStatusCode.SeeOther, new Uri("http://localhost/signin-sms"))], visitor.Redirects);
        Assert.Contains("<label for=\"phone_number\">Mobile number</label>", phonePage, StringComparison.Ordinal);

        var codePage = await visitor.SendCodeAsync(phonePage, phone);
        Assert.Contains("<label for=\"passcode\">Code</label>", codePage, StringComparison.Ordinal);

        var sms = await factory.WaitForSmsAsync(phone);
        visitor.Redirects.Clear();
        using var landed = await visitor.PostFormAsync(
            "/signin-sms/verify", (Antiforgery.FieldName, Antiforgery.TokenFrom(codePage)), ("passcode", sms.Code));

        // The code page sends the browser to Mosaic's result URI (the emulator, on this same server), Mosaic back
        // to the callback, and the callback to the page first asked for.
        Assert.Collection(
            visitor.Redirects,
            hop =>
            {
                Assert.Equal(HttpStatusCode.SeeOther, hop.Status);
                Assert.StartsWith(SampleFactory.EmulatorBaseUrl + "/cis/oidc/auth?", hop.Location.AbsoluteUri, StringComparison.Ordinal);
            },
            hop =>
            {
                Assert.Equal(HttpStatusCode.SeeOther, hop.Status);
                Assert.Equal("http://localhost/signin-sms/callback", hop.Location.GetLeftPart(UriPartial.Path));
            },
            hop => Assert.Equal((HttpStatusCode.Redirect, new Uri("http://localhost/profile")), hop));
        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        var profile = WebUtility.HtmlDecode(await landed.Content.ReadAsStringAsync());
        Assert.Contains($"<dd data-testid=\"phone-number\">{phone}</dd>", profile, StringComparison.Ordinal);
        var userId = UserId().Match(profile).Groups["id"].Value;
        Assert.False(string.IsNullOrWhiteSpace(userId) || userId == "(none)", "The profile must show the Mosaic user id.");
        Assert.Equal(userId, SubClaim().Match(profile).Groups["value"].Value);
    }

    [Fact]
    public async Task Profile_lists_the_claims_of_the_sign_in()
    {
        using var visitor = factory.CreateVisitor();

        using var landed = await visitor.SignInAsync(factory, TestPhoneNumbers.ProfileClaims);
        var profile = WebUtility.HtmlDecode(await landed.Content.ReadAsStringAsync());

        Assert.Equal("/profile", visitor.CurrentUrl?.AbsolutePath);
        foreach (var claim in new[] { "sub", "phone_number", "phone_number_verified", "new_user", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/mobilephone" })
        {
            Assert.Contains($"<td><code>{claim}</code></td>", profile, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Wrong_code_re_renders_the_code_page_with_400_and_an_error_tied_to_the_field()
    {
        const string phone = TestPhoneNumbers.WrongCode;
        using var visitor = factory.CreateVisitor();
        var codePage = await visitor.SendCodeAsync(await visitor.GetStringAsync("/profile"), phone);
        var sms = await factory.WaitForSmsAsync(phone);

        using var response = await visitor.PostFormAsync(
            "/signin-sms/verify", (Antiforgery.FieldName, Antiforgery.TokenFrom(codePage)), ("passcode", WrongCodes.For(sms.Code)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<p id=\"passcode_error\" class=\"error\" role=\"alert\">", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"passcode_error passcode_attempts\" aria-invalid=\"true\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_pages_send_a_same_origin_referrer_policy_so_browsers_post_forms_with_their_real_origin()
    {
        // Under no-referrer, browsers post Origin: null, which the handler refuses as cross-site (Fetch standard).
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/signin-sms", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["same-origin"], response.Headers.GetValues("Referrer-Policy"));
    }

    [GeneratedRegex("<dd data-testid=\"user-id\">(?<id>[^<]*)</dd>", RegexOptions.CultureInvariant)]
    private static partial Regex UserId();

    [GeneratedRegex(@"<td><code>sub</code></td>\s*<td>(?<value>[^<]*)</td>", RegexOptions.CultureInvariant)]
    private static partial Regex SubClaim();
}
