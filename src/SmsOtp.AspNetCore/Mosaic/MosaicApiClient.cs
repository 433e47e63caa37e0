using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// The three calls of Mosaic's SMS login that the handler makes: send a code, validate it, and exchange the resulting
/// authorization code. It maps Mosaic's answers to outcomes and never retries a send that Mosaic may have processed.
/// </summary>
internal sealed class MosaicApiClient(MosaicBackchannel backchannel, MosaicClientTokenCache clientTokens)
{
    private const string SendOperation = "SMS send";
    private const string ValidateOperation = "SMS code validation";
    private const string ExchangeOperation = "authorization code exchange";

    public async Task<SendSmsOutcome> SendSmsAsync(MosaicSmsOtpOptions options, SendSmsRequest body, CancellationToken cancellationToken)
    {
        var response = await SendWithClientTokenAsync(options, SendOperation, "/cis/v1/auth/otp/sms", body, MosaicJsonContext.Default.SendSmsRequest, cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => SendSmsOutcome.Sent,
            // An unknown number with sign-up off: the caller must answer exactly as for a sent code.
            HttpStatusCode.NotFound => SendSmsOutcome.UserNotFound,
            HttpStatusCode.BadRequest => SendSmsOutcome.Refused,
            _ => throw response.ToException(SendOperation),
        };
    }

    public async Task<ValidateSmsOutcome> ValidateSmsAsync(MosaicSmsOtpOptions options, ValidateSmsRequest body, CancellationToken cancellationToken)
    {
        var response = await SendWithClientTokenAsync(options, ValidateOperation, "/cis/v1/auth/otp/sms/validation", body, MosaicJsonContext.Default.ValidateSmsRequest, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var result = Deserialize(response, MosaicJsonContext.Default.ValidateSmsResponse, ValidateOperation)?.Result;
            if (!Uri.TryCreate(result, UriKind.Absolute, out var resultUri) || (resultUri.Scheme != Uri.UriSchemeHttps && resultUri.Scheme != Uri.UriSchemeHttp))
            {
                throw new MosaicApiException(ValidateOperation, MosaicFailureKind.InvalidResponse);
            }

            return new ValidateSmsOutcome(null, resultUri);
        }

        var error = response.Error;
        CodeValidationFailure? failure = (response.StatusCode, error.Code) switch
        {
            (HttpStatusCode.BadRequest, "expired_otp" or "auth_otp_passcode_expired") => CodeValidationFailure.ExpiredCode,
            (HttpStatusCode.BadRequest, _) => CodeValidationFailure.InvalidCode,
            (HttpStatusCode.Forbidden, "auth_locked") => CodeValidationFailure.Locked,
            // No pending code for this number (a stale or never-sent request id).
            (HttpStatusCode.Forbidden, "auth_otp_invalid_request_id" or "auth_invalid_credentials") => CodeValidationFailure.InvalidCode,
            _ => null,
        };
        return failure is { } known ? new ValidateSmsOutcome(known, null) : throw response.ToException(ValidateOperation);
    }

    public async Task<MosaicTokenResponse> ExchangeCodeAsync(MosaicSmsOtpOptions options, string code, string redirectUri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.MosaicUri(options.TokenEndpointPath))
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "authorization_code"),
                new("code", code),
                new("client_id", options.ClientId!),
                new("client_secret", options.ClientSecret!),
                new("redirect_uri", redirectUri),
            ]),
        };
        var response = await backchannel.SendAsync(options, ExchangeOperation, request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw response.ToException(ExchangeOperation);
        }

        var body = Deserialize(response, MosaicJsonContext.Default.TokenEndpointResponse, ExchangeOperation);
        if (string.IsNullOrEmpty(body?.IdToken))
        {
            throw new MosaicApiException(ExchangeOperation, MosaicFailureKind.InvalidResponse);
        }

        return new MosaicTokenResponse(
            body.IdToken,
            body.AccessToken,
            body.RefreshToken,
            body.TokenType,
            body.ExpiresIn is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : null,
            body.Scope);
    }

    /// <summary>
    /// Sends with a cached client token; on 401 (token expired or revoked, so Mosaic did nothing) fetches a new token
    /// and tries once more.
    /// </summary>
    private async Task<MosaicHttpResponse> SendWithClientTokenAsync<T>(MosaicSmsOtpOptions options, string operation, string path, T body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await clientTokens.GetTokenAsync(options, cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Post, options.MosaicUri(path))
            {
                Content = JsonContent.Create(body, typeInfo),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await backchannel.SendAsync(options, operation, request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                return response;
            }

            clientTokens.Invalidate(options, token);
            if (attempt == 2)
            {
                throw response.ToException(operation);
            }
        }
    }

    private static T? Deserialize<T>(MosaicHttpResponse response, JsonTypeInfo<T> typeInfo, string operation)
    {
        try
        {
            return JsonSerializer.Deserialize(response.Body, typeInfo);
        }
        catch (JsonException ex)
        {
            throw new MosaicApiException(operation, MosaicFailureKind.InvalidResponse, innerException: ex);
        }
    }
}
