using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Testing.Tests.Support;

namespace SmsOtp.AspNetCore.Testing.Tests;

public sealed class FaultsAndControlsTests
{
    [Fact]
    public async Task A_429_fault_sets_retry_after_and_applies_the_given_number_of_times()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        emulator.Faults.Set(MosaicEmulatorEndpoint.SendSms, new MosaicEmulatorFault { StatusCode = 429, RetryAfter = TimeSpan.FromSeconds(30), Times = 1 });

        using var throttled = await api.SendAsync(token, "+16175559000");
        using var next = await api.SendAsync(token, "+16175559000");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), throttled.Headers.RetryAfter!.Delta);
        Assert.Equal("""{"message":"Injected fault","error_code":429}""", await throttled.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(2, emulator.Counters.Get(MosaicEmulatorEndpoint.SendSms));
    }

    [Fact]
    public async Task Malformed_body_fault_is_not_json()
    {
        await using var emulator = new MosaicEmulator();
        emulator.Faults.Set(MosaicEmulatorEndpoint.Discovery, new MosaicEmulatorFault { MalformedBody = true });
        using var http = emulator.CreateClient();

        using var response = await http.GetAsync("cis/oidc/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Delay_fault_waits_on_the_emulator_clock()
    {
        var time = new TimerSignallingTimeProvider();
        await using var emulator = new MosaicEmulator(options => options.TimeProvider = time);
        emulator.Faults.Set(MosaicEmulatorEndpoint.Jwks, new MosaicEmulatorFault { Delay = TimeSpan.FromSeconds(10), StatusCode = 503 });
        using var http = emulator.CreateClient();

        var pending = http.GetAsync("cis/oidc/jwks");
        await time.TimerCreated.WaitAsync(TestContext.Current);
        time.Advance(TimeSpan.FromSeconds(9));
        var stillPending = !pending.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));

        using var response = await pending;
        Assert.True(stillPending);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    /// <summary>Signals when the emulator starts a delay, so the test advances the clock only once the delay exists.</summary>
    private sealed class TimerSignallingTimeProvider : FakeTimeProvider
    {
        private readonly TaskCompletionSource _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task TimerCreated => _timerCreated.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _timerCreated.TrySetResult();
            return timer;
        }
    }

    [Fact]
    public async Task Delay_fault_honours_request_cancellation()
    {
        await using var emulator = new MosaicEmulator(options => options.TimeProvider = new FakeTimeProvider());
        emulator.Faults.Set(MosaicEmulatorEndpoint.Jwks, new MosaicEmulatorFault { Delay = TimeSpan.FromHours(1) });
        using var http = emulator.CreateClient();
        using var cancellation = new CancellationTokenSource();

        var pending = http.GetAsync("cis/oidc/jwks", cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task Http_controls_expose_outbox_counters_and_faults()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        (await api.SendAsync(await api.GetClientTokenAsync(), "+16175559001")).EnsureSuccessStatusCode();

        var outbox = JsonDocument.Parse(await api.Http.GetStringAsync("emulator/outbox?phone=%2B16175559001")).RootElement;
        var counters = JsonDocument.Parse(await api.Http.GetStringAsync("emulator/counters")).RootElement;
        using var set = await api.Http.PostAsJsonAsync("emulator/faults", new { endpoint = "Jwks", status_code = 500, times = 1, id_token = "WrongIssuer" });
        using var faulted = await api.Http.GetAsync("cis/oidc/jwks");
        var idTokenFault = emulator.Faults.IdToken;
        using var cleared = await api.Http.DeleteAsync("emulator/faults");

        var message = Assert.Single(outbox.EnumerateArray());
        Assert.Equal("+16175559001", message.GetProperty("phone_number").GetString());
        Assert.Equal(emulator.Outbox.GetLatest("+16175559001")!.Code, message.GetProperty("code").GetString());
        Assert.True(message.TryGetProperty("sent_at", out _));
        Assert.Equal(1, counters.GetProperty("SendSms").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, faulted.StatusCode);
        Assert.Equal(MosaicEmulatorIdTokenFault.WrongIssuer, idTokenFault);
        Assert.Equal(MosaicEmulatorIdTokenFault.None, emulator.Faults.IdToken);
    }

    [Fact]
    public async Task Counters_reset()
    {
        await using var emulator = new MosaicEmulator();
        using var http = emulator.CreateClient();
        (await http.GetAsync("cis/oidc/jwks")).Dispose();
        Assert.Equal(1, emulator.Counters.Get(MosaicEmulatorEndpoint.Jwks));   // there was something to reset

        emulator.Counters.Reset();

        Assert.Equal(0, emulator.Counters.Get(MosaicEmulatorEndpoint.Jwks));
        (await http.GetAsync("cis/oidc/jwks")).Dispose();
        Assert.Equal(1, emulator.Counters.Get(MosaicEmulatorEndpoint.Jwks));     // and counting goes on after it
    }

    [Fact]
    public async Task Wait_for_message_returns_a_message_sent_before_the_wait_and_then_waits_for_the_next()
    {
        await using var emulator = new MosaicEmulator();
        var api = new MosaicApi(emulator.CreateClient());
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, "+16175559002")).EnsureSuccessStatusCode();

        var first = await emulator.Outbox.WaitForMessageAsync("+16175559002", TestContext.Current);
        var second = emulator.Outbox.WaitForMessageAsync("+16175559002", TestContext.Current);
        Assert.False(second.IsCompleted);
        (await api.SendAsync(token, "+16175559002")).EnsureSuccessStatusCode();

        Assert.Equal(emulator.Outbox.GetMessages("+16175559002")[1], first);
        Assert.Equal(emulator.Outbox.GetLatest("+16175559002"), await second);
    }

    [Fact]
    public async Task Wait_for_message_can_be_cancelled()
    {
        await using var emulator = new MosaicEmulator();
        using var cancellation = new CancellationTokenSource();

        var wait = emulator.Outbox.WaitForMessageAsync("+16175559003", cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
