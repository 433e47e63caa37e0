using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SmsOtp.AspNetCore.Testing.Embedded;

/// <summary>
/// The SMS handler's back channel when the emulator runs inside the app: the app calls itself, on its https address
/// when it has one (<see cref="ListeningAddress"/>). That address usually carries the ASP.NET Core HTTPS development
/// certificate, which the machine may not trust for outgoing calls (Linux never does); it is accepted here, and only
/// for a loopback address, where nothing but this app can be listening on its own port.
/// </summary>
internal static class EmbeddedBackchannel
{
    // The extension `dotnet dev-certs https` puts on the development certificate.
    private const string DevelopmentCertificateOid = "1.3.6.1.4.1.311.84.1.1";

    public static HttpMessageHandler CreateHandler() => new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (request, certificate, _, errors) => IsTrusted(request.RequestUri, certificate, errors),
    };

    /// <summary>A certificate the machine trusts, or the development certificate on a loopback address.</summary>
    public static bool IsTrusted(Uri? requestUri, X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        return certificate is not null
            && (errors & SslPolicyErrors.RemoteCertificateNotAvailable) == 0
            && requestUri is not null
            && IsLoopback(requestUri)
            && certificate.Extensions.Any(extension => extension.Oid?.Value == DevelopmentCertificateOid);
    }

    private static bool IsLoopback(Uri uri)
        => uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
