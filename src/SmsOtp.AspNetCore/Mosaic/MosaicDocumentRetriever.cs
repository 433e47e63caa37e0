using System.Text;
using Microsoft.IdentityModel.Protocols;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// Fetches Mosaic's discovery document and JWKS through the same backchannel as every other Mosaic call: the named
/// HttpClient from IHttpClientFactory, created per fetch (so its handlers rotate and can be configured after start-up),
/// with the scheme's timeout.
/// </summary>
internal sealed class MosaicDocumentRetriever(MosaicSmsOtpOptions options, MosaicBackchannel backchannel) : IDocumentRetriever
{
    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (options.RequireHttpsMetadata && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("Mosaic metadata must be fetched from an absolute https URL (RequireHttpsMetadata).", nameof(address));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        var response = await backchannel.SendAsync(options, "metadata retrieval", request, cancel).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw response.ToException("metadata retrieval");
        }

        return Encoding.UTF8.GetString(response.Body);
    }
}
