using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using SmsOtp.AspNetCore.Testing.Embedded;

namespace SmsOtp.AspNetCore.Testing.Tests;

public sealed class ListeningAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://0.0.0.0:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://[::]:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://*:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://+:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://localhost:5000", "http://localhost:5000/")]
    [InlineData("http://[::1]:5080", "http://[::1]:5080/")]
    public void Wildcard_bindings_are_reached_through_loopback(string bound, string expected) =>
        Assert.Equal(new Uri(expected), ListeningAddress.Find(new FakeServer(bound)));

    // An app on both redirects plain http to https (the templates' https profile), which the back channel cannot follow.
    [Fact]
    public void Https_is_preferred_over_plain_http() =>
        Assert.Equal(new Uri("https://localhost:7120/"), ListeningAddress.Find(new FakeServer("http://localhost:5129", "https://localhost:7120")));

    // Elsewhere the certificate is not the development one on loopback, which the back channel would refuse: http as before.
    [Theory]
    [InlineData("https://192.168.1.10:5001", "http://0.0.0.0:5000", "http://127.0.0.1:5000/")]
    [InlineData("https://[::]:5001", "http://0.0.0.0:5000", "http://127.0.0.1:5000/")]
    public void Https_elsewhere_than_on_loopback_is_not_preferred(string https, string http, string expected) =>
        Assert.Equal(new Uri(expected), ListeningAddress.Find(new FakeServer(https, http)));

    [Fact]
    public void No_address_before_the_server_listens() => Assert.Null(ListeningAddress.Find(new FakeServer()));

    private sealed class FakeServer : IServer
    {
        public FakeServer(params string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
