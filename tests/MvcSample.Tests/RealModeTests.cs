using System.Net.Http.Headers;
using MvcSample.Tests.Infrastructure;

namespace MvcSample.Tests;

public sealed class RealModeTests(RealModeSampleFactory factory) : IClassFixture<RealModeSampleFactory>
{
    [Theory]
    [InlineData("text/html")]
    [InlineData("application/json")]
    public async Task Dev_sms_page_does_not_exist(string accept)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dev/sms");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Home_has_no_emulator_banner_and_no_sent_sms_link()
    {
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.DoesNotContain("Emulator mode", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/dev/sms", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_log_does_not_announce_emulator_mode()
    {
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Message.Contains("Emulator mode", StringComparison.Ordinal));
    }
}
