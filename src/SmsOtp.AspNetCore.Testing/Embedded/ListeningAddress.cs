using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore.Testing.Embedded;

/// <summary>
/// The address this app can reach itself at, from what Kestrel actually bound (so port 0 works too). A wildcard
/// binding such as <c>http://0.0.0.0:5080</c> or <c>http://[::]:5080</c> is reached through 127.0.0.1.
/// </summary>
internal static class ListeningAddress
{
    /// <summary>
    /// The first https address on a loopback host (the templates' https profile, <c>https://localhost:7xxx</c>, whose
    /// plain-http twin redirects to it, which would turn the back channel's calls to itself away), else the first http
    /// address, else the first. Null before Kestrel listens or on a TestServer.
    /// </summary>
    public static Uri? Find(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            return null;
        }

        var chosen = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && IsLoopbackHost(BindingAddress.Parse(a).Host))
            ?? addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.First();
        var binding = BindingAddress.Parse(chosen);
        var host = binding.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*" ? "127.0.0.1" : binding.Host;
        return new UriBuilder(binding.Scheme, host, binding.Port).Uri;
    }

    /// <summary>Whether <paramref name="host"/> (a name or an address, IPv6 in brackets or not) is this machine's loopback.</summary>
    public static bool IsLoopbackHost(string host)
        => string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
           || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
}
