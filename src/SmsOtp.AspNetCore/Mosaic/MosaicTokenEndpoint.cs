using System.Text.Json;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// Mosaic's token endpoint (<see cref="MosaicSmsOtpOptions.TokenEndpointPath"/>), for both grants the package uses:
/// <c>authorization_code</c> (<see cref="MosaicApiClient"/>) and <c>client_credentials</c>
/// (<see cref="MosaicClientTokenCache"/>). The client authenticates with <c>client_secret_post</c>.
/// </summary>
internal static class MosaicTokenEndpoint
{
    /// <summary>A POST of the grant with the client's credentials and <paramref name="parameters"/>.</summary>
    public static HttpRequestMessage CreateRequest(MosaicSmsOtpOptions options, string grantType, params ReadOnlySpan<KeyValuePair<string, string>> parameters)
    {
        var form = new List<KeyValuePair<string, string>>(parameters.Length + 3) { new("grant_type", grantType) };
        foreach (var parameter in parameters)
        {
            form.Add(parameter);
        }

        form.Add(new("client_id", options.ClientId!));
        form.Add(new("client_secret", options.ClientSecret!));
        return new HttpRequestMessage(HttpMethod.Post, options.MosaicUri(options.TokenEndpointPath)) { Content = new FormUrlEncodedContent(form) };
    }

    /// <summary>The JSON body of a 200; a body that is not the documented JSON is an <see cref="MosaicFailureKind.InvalidResponse"/>.</summary>
    public static TokenEndpointResponse Read(MosaicHttpResponse response, string operation)
    {
        try
        {
            return JsonSerializer.Deserialize(response.Body, MosaicJsonContext.Default.TokenEndpointResponse)
                ?? throw new MosaicApiException(operation, MosaicFailureKind.InvalidResponse);
        }
        catch (JsonException ex)
        {
            throw new MosaicApiException(operation, MosaicFailureKind.InvalidResponse, innerException: ex);
        }
    }
}
