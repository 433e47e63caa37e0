using MvcSample.Tests.Infrastructure;

namespace MvcSample.Tests;

public sealed class ProfilePageTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    [Fact]
    public async Task Anonymous_profile_request_is_challenged_to_the_sms_phone_page_remembering_where_it_was()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/profile", UriKind.Relative));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/signin-sms", response.Headers.Location?.OriginalString);
        // Where to return travels in the handler's protected flow cookie, not in the URL.
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("SmsOtp.Flow.Start=", StringComparison.Ordinal));   // over HTTP, without __Host-
    }
}
