using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using MvcSample.Tests.Infrastructure;
using SmsOtp.AspNetCore;

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

    [Fact]
    public void Handler_takes_client_id_secret_region_and_base_url_from_the_Mosaic_settings_and_keeps_secure_defaults()
    {
        var options = factory.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme);

        Assert.Equal("test-client-id", options.ClientId);
        Assert.Equal("test-client-secret", options.ClientSecret);
        Assert.Equal(MosaicRegion.EU, options.Region);
        Assert.Equal(new Uri(RealModeSampleFactory.BaseUrl), options.BaseUrl);
        Assert.True(options.RequireHttpsMetadata);
        Assert.Equal(CookieSecurePolicy.Always, options.FlowCookie.SecurePolicy);
        Assert.True(options.CreateNewUser);
    }

    [Fact]
    public async Task Profile_challenge_goes_to_the_sms_phone_page()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/profile", UriKind.Relative));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/signin-sms", response.Headers.Location?.OriginalString);
    }
}
