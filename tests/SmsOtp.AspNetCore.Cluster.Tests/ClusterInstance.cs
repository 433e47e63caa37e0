using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using SmsOtp.AspNetCore.Testing;

namespace SmsOtp.AspNetCore.Cluster.Tests;

/// <summary>
/// One app instance of the cluster: its own host on a fixed Kestrel loopback port, joined to the shared Redis with the one
/// call, behind the proxy (forwarded headers from loopback trusted). Each response names the instance in <c>X-Instance</c>.
/// </summary>
internal sealed class ClusterInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ClusterInstance(WebApplication app) => _app = app;

    public const string InstanceHeader = "X-Instance";

    public static async Task<ClusterInstance> StartAsync(int index, int port, Uri emulator, string redisConfiguration, string keyPrefix, ClusterLog log)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log.For(index));
        if (Environment.GetEnvironmentVariable("CLUSTER_TEST_LOGS") == "1") { builder.Logging.AddConsole(); }
        builder.Configuration["ConnectionStrings:Redis"] = redisConfiguration;
        builder.Services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = MosaicSmsOtpDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddMosaicSmsOtp(o =>
            {
                o.ClientId = MosaicEmulatorDefaults.ClientId;
                o.ClientSecret = MosaicEmulatorDefaults.ClientSecret;
                o.BaseUrl = emulator;
                o.RequireHttpsMetadata = false;
                o.FlowCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CreateNewUser = true;
            });
        builder.Services.AddAuthorization();
        builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);
        builder.AddMosaicSmsOtpRedis(o =>
        {
            o.KeyPrefix = keyPrefix;
            o.ApplicationName = "smsotp-cluster-tests";
            o.OperationTimeout = TimeSpan.FromSeconds(1);
        });

        var app = builder.Build();
        app.UseForwardedHeaders();
        var name = index.ToString(CultureInfo.InvariantCulture);
        app.Use((context, next) =>
        {
            // At the start of the response: the handler's error answers clear the headers set before them.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[InstanceHeader] = name;
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/secure", (ClaimsPrincipal user) => "signed-in:" + user.FindFirst(MosaicSmsOtpClaims.PhoneNumber)?.Value).RequireAuthorization();
        await app.StartAsync();
        return new ClusterInstance(app);
    }

    /// <summary>
    /// Completes once this instance's own Redis connection is usable again (StackExchange.Redis reconnects in the
    /// background after Redis comes back): the signal a test waits on instead of a delay.
    /// </summary>
    public async Task WaitForRedisAsync(TimeSpan timeout)
    {
        var multiplexer = _app.Services.GetRequiredService<SmsOtp.AspNetCore.Redis.OwnedRedisConnection>().Multiplexer;
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRestored(object? sender, StackExchange.Redis.ConnectionFailedEventArgs e) => restored.TrySetResult();
        multiplexer.ConnectionRestored += OnRestored;
        try
        {
            while (!multiplexer.GetServers().All(server => server.IsConnected))
            {
                await restored.Task.WaitAsync(timeout);
                restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        finally
        {
            multiplexer.ConnectionRestored -= OnRestored;
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
