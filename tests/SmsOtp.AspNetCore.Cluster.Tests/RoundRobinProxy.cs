using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace SmsOtp.AspNetCore.Cluster.Tests;

/// <summary>YARP on a Kestrel loopback port, round-robin over the instances; it adds X-Forwarded-For/-Proto/-Host.</summary>
internal sealed class RoundRobinProxy : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RoundRobinProxy(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<RoundRobinProxy> StartAsync(IEnumerable<int> instancePorts)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "apps", Match = new RouteMatch { Path = "{**catch-all}" } }],
            [new ClusterConfig
            {
                ClusterId = "apps",
                LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                Destinations = instancePorts.Select((port, i) => (port, i)).ToDictionary(
                    d => "instance-" + d.i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    d => new DestinationConfig { Address = "http://127.0.0.1:" + d.port.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            }]);
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RoundRobinProxy(app, new Uri(address + "/"));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
