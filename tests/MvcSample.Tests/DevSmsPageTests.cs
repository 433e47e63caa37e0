using System.Net.Http.Headers;
using System.Text.Json;
using MvcSample.Tests.Infrastructure;

namespace MvcSample.Tests;

public sealed class DevSmsPageTests(StubOutboxSampleFactory factory) : IClassFixture<StubOutboxSampleFactory>
{
    [Fact]
    public async Task Html_lists_sent_sms_newest_first_with_their_codes()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/dev/sms", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "Passcodes must not be cached.");
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.Contains("<h1>Sent SMS</h1>", html, StringComparison.Ordinal);
        var newer = html.IndexOf(StubDevSmsSource.Newer.PhoneNumber, StringComparison.Ordinal);
        var older = html.IndexOf(StubDevSmsSource.Older.PhoneNumber, StringComparison.Ordinal);
        Assert.True(newer >= 0 && older > newer, "The newer SMS must be listed above the older one.");
        Assert.Contains("<code class=\"otp\">222222</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code class=\"otp\">111111</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_is_an_array_newest_first_of_phone_number_message_otp_sent_at()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dev/sms");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        var entries = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(["phone_number", "message", "otp", "sent_at"], entries[0].EnumerateObject().Select(p => p.Name));
        AssertEntry(StubDevSmsSource.Newer, entries[0]);
        AssertEntry(StubDevSmsSource.Older, entries[1]);
    }

    [Fact]
    public void Start_up_log_names_the_dev_sms_page_and_no_passcode()
    {
        var announcement = Assert.Single(factory.Logs.GetSnapshot(), r => r.Category == "SmsOtp.AspNetCore.Testing.EmbeddedEmulator" && r.Id.Id == 10);

        Assert.Contains("Emulator mode", announcement.Message, StringComparison.Ordinal);
        Assert.EndsWith("/dev/sms", announcement.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(StubDevSmsSource.Newer.Code, announcement.Message, StringComparison.Ordinal);
    }

    private static void AssertEntry(MvcSample.DevSms.DevSmsMessage expected, JsonElement actual)
    {
        Assert.Equal(expected.PhoneNumber, actual.GetProperty("phone_number").GetString());
        Assert.Equal(expected.Text, actual.GetProperty("message").GetString());
        Assert.Equal(expected.Code, actual.GetProperty("otp").GetString());
        Assert.Equal(expected.SentAt, actual.GetProperty("sent_at").GetDateTimeOffset());
    }
}
