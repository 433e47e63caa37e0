using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging.Testing;
using SmsOtp.AspNetCore.Testing.Tests.Support;

namespace SmsOtp.AspNetCore.Testing.Tests;

public sealed class MappedModeTests
{
    [Fact]
    public async Task Mapped_emulator_serves_discovery_with_the_prefix_and_shares_state_through_di()
    {
        await using var app = await StartAsync(null);
        using var http = app.GetTestServer().CreateClient();

        var document = JsonDocument.Parse(await http.GetStringAsync("mosaic/cis/oidc/.well-known/openid-configuration")).RootElement;

        Assert.Equal("http://localhost/mosaic/oidc/token", document.GetProperty("token_endpoint").GetString());
        Assert.Equal("http://localhost/mosaic/cis/oidc/jwks", document.GetProperty("jwks_uri").GetString());
        Assert.Equal(1, app.Services.GetRequiredService<MosaicEmulatorCounters>().Get(MosaicEmulatorEndpoint.Discovery));
    }

    [Fact]
    public async Task Mapped_emulator_result_uri_includes_the_prefix()
    {
        await using var app = await StartAsync(null);
        var api = new MosaicApi(new HttpClient(app.GetTestServer().CreateHandler()) { BaseAddress = new Uri("http://localhost/mosaic/") });
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, "+16175558000")).EnsureSuccessStatusCode();
        var sms = app.Services.GetRequiredService<MosaicEmulatorOutbox>().GetLatest("+16175558000")!;

        using var response = await api.ValidateAsync(token, "+16175558000", sms.Code);

        Assert.StartsWith("http://localhost/mosaic/cis/oidc/auth?client_id=", (await MosaicApi.ReadJsonAsync(response))["result"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_never_contain_the_full_phone_number_the_code_or_a_token()
    {
        var collector = new FakeLogCollector();
        await using var app = await StartAsync(collector);
        var api = new MosaicApi(new HttpClient(app.GetTestServer().CreateHandler()) { BaseAddress = new Uri("http://localhost/mosaic/") });
        var outbox = app.Services.GetRequiredService<MosaicEmulatorOutbox>();
        const string phone = "+16175558001";
        var clientToken = await api.GetClientTokenAsync();
        (await api.SendAsync(clientToken, phone)).EnsureSuccessStatusCode();
        (await api.ValidateAsync(clientToken, phone, "000000")).Dispose();

        var tokens = await api.LoginAsync(outbox, phone);

        var logs = string.Join('\n', collector.GetSnapshot().Select(record => record.Message + " " + string.Join(',', record.StructuredState?.Select(p => p.Value) ?? [])));
        Assert.Contains("+1******8001", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens["refresh_token"]!.GetValue<string>(), logs, StringComparison.Ordinal);
        Assert.DoesNotContain(clientToken, logs, StringComparison.Ordinal);
        foreach (var sms in outbox.GetMessages(phone))
        {
            Assert.DoesNotContain(sms.Code, logs, StringComparison.Ordinal);
        }
    }

    private static async Task<WebApplication> StartAsync(FakeLogCollector? collector)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (collector is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(new FakeLoggerProvider(collector));
        }

        builder.Services.AddMosaicEmulator();
        var app = builder.Build();
        app.MapMosaicEmulator("/mosaic");
        await app.StartAsync();
        return app;
    }
}
