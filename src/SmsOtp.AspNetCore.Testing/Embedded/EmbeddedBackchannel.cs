using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;

namespace SmsOtp.AspNetCore.Testing.Embedded;

/// <summary>
/// The SMS handler's back channel when the emulator runs inside the app: the app calls itself, on its https address
/// when it has one (<see cref="ListeningAddress"/>). That address usually carries the ASP.NET Core HTTPS development
/// certificate, which the machine may not trust for outgoing calls (Linux never does); it is accepted here only for
/// that address (loopback, and this app's own port, where nothing else can listen while the app runs).
/// </summary>
internal static class EmbeddedBackchannel
{
    // The extension `dotnet dev-certs https` puts on the development certificate.
    private const string DevelopmentCertificateOid = "1.3.6.1.4.1.311.84.1.1";

    public static HttpMessageHandler CreateHandler(IServer server) => new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (request, certificate, _, errors) => IsTrusted(request.RequestUri, ListeningAddress.Find(server), certificate, errors),
    };

    /// <summary>A certificate the machine trusts, or the development certificate on this app's own loopback address.</summary>
    public static bool IsTrusted(Uri? requestUri, Uri? self, X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        return certificate is not null
            && (errors & SslPolicyErrors.RemoteCertificateNotAvailable) == 0
            && requestUri is not null
            && self is not null
            && string.Equals(requestUri.GetLeftPart(UriPartial.Authority), self.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            && ListeningAddress.IsLoopbackHost(requestUri.Host)
            && certificate.Extensions.Any(extension => extension.Oid?.Value == DevelopmentCertificateOid);
    }
}
