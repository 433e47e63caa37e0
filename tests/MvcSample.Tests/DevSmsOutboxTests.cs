using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using MvcSample.Tests.Infrastructure;

namespace MvcSample.Tests;

/// <summary><c>/dev/sms</c> over the embedded emulator's real outbox: what the sign-in sent is what the page lists.</summary>
public sealed class DevSmsOutboxTests(SampleFactory factory) : IClassFixture<SampleFactory>
{
    [Fact]
    public async Task Json_lists_the_sms_the_sign_in_sent_with_its_code()
    {
        const string phone = TestPhoneNumbers.DevSmsJson;
        using var visitor = factory.CreateVisitor();
        await visitor.SendCodeAsync(await visitor.GetStringAsync("/signin-sms"), phone);
        var sent = await factory.WaitForSmsAsync(phone);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dev/sms");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await visitor.Client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(json.RootElement.EnumerateArray(), e => e.GetProperty("phone_number").GetString() == phone);
        Assert.Equal(sent.Code, entry.GetProperty("otp").GetString());
        Assert.Equal(sent.Text, entry.GetProperty("message").GetString());
        Assert.Contains(sent.Code, sent.Text, StringComparison.Ordinal);
        Assert.Equal(sent.SentAt, entry.GetProperty("sent_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Html_shows_the_code_the_sign_in_sent()
    {
        const string phone = TestPhoneNumbers.DevSmsHtml;
        using var visitor = factory.CreateVisitor();
        await visitor.SendCodeAsync(await visitor.GetStringAsync("/signin-sms"), phone);
        var sent = await factory.WaitForSmsAsync(phone);

        var html = WebUtility.HtmlDecode(await visitor.GetStringAsync("/dev/sms"));

        Assert.Contains($"<td>{phone}</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<code class=\"otp\">{sent.Code}</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_name_the_dev_sms_page_and_never_the_code_sent()
    {
        const string phone = TestPhoneNumbers.DevSmsLogs;
        using var visitor = factory.CreateVisitor();
        await visitor.SendCodeAsync(await visitor.GetStringAsync("/signin-sms"), phone);
        var sent = await factory.WaitForSmsAsync(phone);

        var logs = factory.Logs.GetSnapshot();

        var announcement = Assert.Single(logs, r => r.Category == "SmsOtp.AspNetCore.Testing.EmbeddedEmulator" && r.Id.Id == 10);
        Assert.EndsWith("/dev/sms", announcement.Message, StringComparison.Ordinal);
        Assert.Contains(logs, r => r.Message.Contains("An SMS code was sent", StringComparison.Ordinal));
        var code = new Regex($@"\b{sent.Code}\b", RegexOptions.CultureInvariant);
        Assert.DoesNotContain(logs, r => code.IsMatch(r.Message));
    }
}
