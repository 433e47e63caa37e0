using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging.Testing;
using SmsOtp.AspNetCore.Testing.Tests.Support;

namespace SmsOtp.AspNetCore.Testing.Tests;

/// <summary>Sends the emulator answers but does not deliver leave a "not delivered: reason" entry; waits fail fast (issue #11 item 3).</summary>
public sealed class UndeliveredSendTests
{
    [Fact]
    public async Task Unknown_user_without_create_new_user_is_recorded_and_the_wait_fails_with_the_reason()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        var waiting = emulator.Outbox.WaitForMessageAsync("+16175559001", TestContext.Current);

        using var response = await api.SendAsync(token, "+16175559001", createNewUser: false);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // Failed by the time the send answered: fast, not at a timeout.
        Assert.True(waiting.IsFaulted);
        var failure = await Assert.ThrowsAsync<MosaicEmulatorSmsNotDeliveredException>(() => waiting);
        Assert.Contains("create_new_user was false", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("MosaicEmulatorOptions.Users", failure.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Outbox.GetMessages("+16175559001"));
        var attempt = Assert.Single(emulator.Outbox.GetSendAttempts("+16175559001"));
        Assert.False(attempt.Delivered);
        Assert.StartsWith("not delivered: unknown user", attempt.Text, StringComparison.Ordinal);
        Assert.Null(emulator.Outbox.GetLatest("+16175559001"));
    }

    [Fact]
    public async Task A_wait_after_the_refusal_fails_at_once_too()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, "+16175559002", createNewUser: false)).Dispose();

        var waiting = emulator.Outbox.WaitForMessageAsync("+16175559002", CancellationToken.None);

        Assert.True(waiting.IsFaulted);
        Assert.IsType<MosaicEmulatorSmsNotDeliveredException>(waiting.Exception!.InnerException);
    }

    [Fact]
    public async Task Known_users_get_their_sms_without_create_new_user()
    {
        await using var emulator = new MosaicEmulator(o => o.Users.Add(new MosaicEmulatorUser { UserId = "u-known", PhoneNumber = "+16175559003" }));
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();

        using var response = await api.SendAsync(token, "+16175559003", createNewUser: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await emulator.Outbox.WaitForMessageAsync("+16175559003", TestContext.Current)).Delivered);
    }

    [Fact]
    public async Task Injected_fault_is_recorded_with_its_status()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        emulator.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = 503, Times = 1 });

        using var response = await api.SendAsync(token, "+16175559004");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var failure = await Assert.ThrowsAsync<MosaicEmulatorSmsNotDeliveredException>(() => emulator.Outbox.WaitForMessageAsync("+16175559004", TestContext.Current));
        Assert.Equal("an injected fault answered HTTP 503", failure.Reason);
    }

    [Fact]
    public async Task Refused_request_and_bad_token_are_recorded_with_what_was_wrong()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();

        using var badRedirect = await api.SendAsync(token, new Dictionary<string, object> { ["phone_number"] = "+16175559005", ["redirect_uri"] = "https://evil.example/cb", ["create_new_user"] = true });
        using var badToken = await api.SendAsync("not-a-token", "+16175559006");

        Assert.Equal(HttpStatusCode.BadRequest, badRedirect.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);
        Assert.Contains("redirect_uri must be an allowed redirect URI", Assert.Single(emulator.Outbox.GetSendAttempts("+16175559005")).NotDeliveredReason, StringComparison.Ordinal);
        Assert.Contains("401", Assert.Single(emulator.Outbox.GetSendAttempts("+16175559006")).NotDeliveredReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_waiting_variant_returns_the_undelivered_entry_and_a_later_delivery_wins_over_an_earlier_refusal()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        var expectingNothing = emulator.Outbox.WaitForSendAttemptAsync("+16175559007", TestContext.Current);
        (await api.SendAsync(token, "+16175559007", createNewUser: false)).Dispose();
        var attempt = await expectingNothing;

        (await api.SendAsync(token, "+16175559007", createNewUser: false)).Dispose();
        (await api.SendAsync(token, "+16175559007", createNewUser: true)).Dispose();
        var delivered = await emulator.Outbox.WaitForMessageAsync("+16175559007", TestContext.Current);

        Assert.False(attempt.Delivered);
        Assert.True(delivered.Delivered);
        Assert.Equal(6, delivered.Code.Length);
    }

    [Fact]
    public async Task Http_outbox_lists_undelivered_sends_and_the_log_says_why_with_the_number_masked()
    {
        var collector = new FakeLogCollector();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(collector));
        builder.Services.AddMosaicEmulator();
        await using var app = builder.Build();
        app.MapMosaicEmulator();
        await app.StartAsync();
        var api = new MosaicApi(new HttpClient(app.GetTestServer().CreateHandler()) { BaseAddress = new Uri("http://localhost/") });
        var token = await api.GetClientTokenAsync();

        (await api.SendAsync(token, "+16175559008", createNewUser: false)).Dispose();
        var outbox = await api.Http.GetFromJsonAsync<List<Dictionary<string, object?>>>("emulator/outbox?phone=%2B16175559008");

        var entry = Assert.Single(outbox!);
        Assert.Equal("False", entry["delivered"]!.ToString());
        Assert.Null(entry["code"]);
        Assert.Contains("unknown user", entry["not_delivered_reason"]!.ToString(), StringComparison.Ordinal);
        var log = Assert.Single(collector.GetSnapshot(), r => r.Id.Id == 9);
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.Contains("+1******9008", log.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("+16175559008", log.Message, StringComparison.Ordinal);
    }
}
