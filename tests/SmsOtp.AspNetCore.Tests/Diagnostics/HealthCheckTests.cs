using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmsOtp.AspNetCore.Testing;
using SmsOtp.AspNetCore.Tests.Infrastructure;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Diagnostics;

/// <summary><c>services.AddHealthChecks().AddMosaicSmsOtp()</c>: each part's state, and the report when one fails.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task With_Mosaic_and_the_store_answering_the_check_is_healthy_and_names_each_part()
    {
        await using var app = await SmsOtpTestApp.StartAsync(services: s => s.AddHealthChecks().AddMosaicSmsOtp());

        var entry = await CheckAsync(app);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(["ok", "ok", "ok"], new[] { "discovery", "client_token", "throttle_store" }.Select(part => entry.Data[part]));
    }

    [Theory]
    [InlineData(MosaicEmulatorEndpoint.Discovery, "discovery")]
    [InlineData(MosaicEmulatorEndpoint.Jwks, "discovery")]
    [InlineData(MosaicEmulatorEndpoint.TokenClientCredentials, "client_token")]
    public async Task A_Mosaic_endpoint_that_fails_makes_the_check_unhealthy_and_says_which(MosaicEmulatorEndpoint endpoint, string part)
    {
        await using var app = await SmsOtpTestApp.StartAsync(services: s => s.AddHealthChecks().AddMosaicSmsOtp());
        app.Emulator.Faults.Set(endpoint, new MosaicEmulatorFault { StatusCode = 503 });

        var entry = await CheckAsync(app);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("failed", entry.Data[part]);
        Assert.Equal("ok", entry.Data["throttle_store"]);
        Assert.DoesNotContain(SmsOtpTestApp.ClientSecret, entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throttle_store_that_fails_makes_the_check_report_the_configured_failure_status()
    {
        await using var app = await SmsOtpTestApp.StartAsync(services: s =>
        {
            s.AddSingleton<ISmsOtpThrottleStore, FailingStore>();
            s.AddHealthChecks().AddMosaicSmsOtp(failureStatus: HealthStatus.Degraded, tags: ["ready"]);
        });

        var entry = await CheckAsync(app);

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal(("ok", "ok", "failed"), (entry.Data["discovery"], entry.Data["client_token"], entry.Data["throttle_store"]));
        Assert.Contains("throttle store", entry.Description, StringComparison.Ordinal);
        Assert.Contains("ready", entry.Tags);
    }

    private static async Task<HealthReportEntry> CheckAsync(SmsOtpTestApp app)
    {
        var report = await app.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return Assert.Single(report.Entries, e => e.Key == "mosaic-sms-otp").Value;
    }

    private sealed class FailingStore : ISmsOtpThrottleStore
    {
        public ValueTask<SmsOtpThrottleReservation> ReserveAsync(IReadOnlyList<SmsOtpThrottleBudget> budgets, CancellationToken cancellationToken) => throw new InvalidOperationException("store down");

        public ValueTask RefundAsync(IReadOnlyList<SmsOtpThrottleRefund> refunds, CancellationToken cancellationToken) => throw new InvalidOperationException("store down");
    }
}
