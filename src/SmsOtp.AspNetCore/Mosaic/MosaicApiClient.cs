using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SmsOtp.AspNetCore.Diagnostics;

namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// The three calls of Mosaic's SMS login that the handler makes: send a code, validate it, and exchange the resulting
/// authorization code. It maps Mosaic's answers to outcomes and never retries a send that Mosaic may have processed.
/// </summary>
internal sealed class MosaicApiClient(MosaicBackchannel backchannel, MosaicClientTokenCache clientTokens, MosaicSmsOtpMetrics metrics)
{
    private const string SendOperation = "SMS send";
    private const string ValidateOperation = "SMS code validation";
    private const string ExchangeOperation = "authorization code exchange";

    /// <summary>The code of every 400 from the code exchange (see <see cref="ExchangeCodeAsync"/>).</summary>
    internal const string InvalidGrant = "invalid_grant";

    /// <summary>Asks Mosaic to send a code. Never retried: Mosaic may have sent the SMS before a failure, and a retry sends another.</summary>
    public Task<SendSmsResult> SendSmsAsync(MosaicSmsOtpOptions options, SendSmsRequest body, CancellationToken cancellationToken)
        => ObserveAsync(options, MosaicOperation.Send, () => SendSmsCoreAsync(options, body, cancellationToken), MosaicOperation.ResultOf);

    private async Task<SendSmsResult> SendSmsCoreAsync(MosaicSmsOtpOptions options, SendSmsRequest body, CancellationToken cancellationToken)
    {
        var response = await SendWithClientTokenAsync(options, SendOperation, "/cis/v1/auth/otp/sms", body, MosaicJsonContext.Default.SendSmsRequest, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return new SendSmsResult(SendSmsOutcome.Sent);
        }

        var error = response.Error;
        SendSmsOutcome? outcome = response.StatusCode switch
        {
            // Only a complaint about the number is the user's to fix; any other 400 (an unregistered redirect_uri, a bad
            // custom_message or sender_id, external_provider_configuration_error) is the app's configuration.
            HttpStatusCode.BadRequest when PointsAtPhoneNumber(error) => SendSmsOutcome.Refused,
            // An unknown number with sign-up off: the caller must answer exactly as for a sent code. Mosaic's documented
            // 404 "User Not Found" is {"message":"…","error_code":404}, a JSON object without a code. client_not_exist,
            // app_not_exist and the like are configuration problems, and so is a 404 that is not a JSON object at all
            // (a wrong BaseUrl or a proxy's page): taking those for "unknown user" would hide that no SMS is ever sent.
            HttpStatusCode.NotFound when (error.IsJsonObject && error.Codes.Count == 0) || error.HasAnyCode("user_not_found", "user_phone_number_missing") => SendSmsOutcome.UserNotFound,
            // A deactivated account must look exactly like an unknown one, or the answer tells who has an account.
            HttpStatusCode.Forbidden when error.HasCode("user_not_active") => SendSmsOutcome.UserNotFound,
            _ => null,
        };
        return outcome is { } known ? new SendSmsResult(known, error) : throw response.ToException(SendOperation);
    }

    /// <summary>
    /// Whether a 400 from the send is about the phone number: a message names the <c>phone_number</c> field (Mosaic's
    /// validation messages, such as <c>["phone_number must be a valid phone number"]</c>), or the backend API's
    /// <c>system_invalid_input</c> comes with a message about the phone.
    /// </summary>
    private static bool PointsAtPhoneNumber(MosaicApiError error)
        => error.MessagesMention("phone_number") || (error.HasCode("system_invalid_input") && error.MessagesMention("phone"));

    /// <summary>Checks a code. A <c>result</c> URI is returned only when it is on Mosaic's own host.</summary>
    public Task<ValidateSmsOutcome> ValidateSmsAsync(MosaicSmsOtpOptions options, ValidateSmsRequest body, CancellationToken cancellationToken)
        => ObserveAsync(options, MosaicOperation.Validate, () => ValidateSmsCoreAsync(options, body, cancellationToken), MosaicOperation.ResultOf);

    private async Task<ValidateSmsOutcome> ValidateSmsCoreAsync(MosaicSmsOtpOptions options, ValidateSmsRequest body, CancellationToken cancellationToken)
    {
        var response = await SendWithClientTokenAsync(options, ValidateOperation, "/cis/v1/auth/otp/sms/validation", body, MosaicJsonContext.Default.ValidateSmsRequest, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var result = Deserialize(response, MosaicJsonContext.Default.ValidateSmsResponse, ValidateOperation)?.Result;
            // The result URI sends the browser somewhere: only ever to Mosaic itself.
            if (!Uri.TryCreate(result, UriKind.Absolute, out var resultUri) || (resultUri.Scheme != Uri.UriSchemeHttps && resultUri.Scheme != Uri.UriSchemeHttp) || !IsOnMosaic(options, resultUri))
            {
                throw new MosaicApiException(ValidateOperation, MosaicFailureKind.InvalidResponse);
            }

            return new ValidateSmsOutcome(null, resultUri);
        }

        var error = response.Error;
        if ((int)response.StatusCode >= 400 && error.HasCode("auth_locked"))
        {
            // Whatever the status (403 on the backend API, 400 or 429 elsewhere): the user must wait, not retype.
            return new ValidateSmsOutcome(CodeValidationFailure.Locked, null, error);
        }

        if ((int)response.StatusCode is < 400 or >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // 401 is handled (and retried once) by SendWithClientTokenAsync; 429 and 5xx are Mosaic's state, not the code's.
            throw response.ToException(ValidateOperation);
        }

        // Every other 4xx refuses the code. A 404 (no such user, after a send that pretended to succeed for an unknown
        // number) and a 403 without a known code must look exactly like a wrong code: anything else would tell who has
        // an account (checklist B-12).
        var failure = error.HasAnyCode("expired_otp", "auth_otp_passcode_expired") ? CodeValidationFailure.ExpiredCode : CodeValidationFailure.InvalidCode;
        return new ValidateSmsOutcome(failure, null, error);
    }

    /// <summary>Exchanges the callback's authorization code for tokens.</summary>
    public Task<MosaicTokenResponse> ExchangeCodeAsync(MosaicSmsOtpOptions options, string code, string redirectUri, CancellationToken cancellationToken)
        => ObserveAsync(options, MosaicOperation.Exchange, () => ExchangeCodeCoreAsync(options, code, redirectUri, cancellationToken), static _ => MosaicOperation.Succeeded);

    private async Task<MosaicTokenResponse> ExchangeCodeCoreAsync(MosaicSmsOtpOptions options, string code, string redirectUri, CancellationToken cancellationToken)
    {
        using var request = MosaicTokenEndpoint.CreateRequest(options, "authorization_code", new("code", code), new("redirect_uri", redirectUri));
        var response = await backchannel.SendAsync(options, ExchangeOperation, request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            // Whatever its shape (OAuth's invalid_grant, or the spec's {"message":[...],"error_code":400}), a 400 here
            // means the code was used already, has expired or was issued for another redirect URI: the request itself
            // is built from configuration that the send and validation accepted. It is named invalid_grant so that every
            // caller recognises it by that one code (the handler tells the user to start again); Codes keeps Mosaic's own.
            throw new MosaicApiException(ExchangeOperation, MosaicFailureKind.Rejected, response.Error with { Code = InvalidGrant }, response.RetryAfter);
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            // 401 invalid_client (a wrong secret) stays Rejected: a configuration problem.
            throw response.ToException(ExchangeOperation);
        }

        var body = MosaicTokenEndpoint.Read(response, ExchangeOperation);
        if (string.IsNullOrEmpty(body.IdToken))
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

    /// <summary>Times a call, counts it by its result and traces it (a client span), the same way for every call.</summary>
    private async Task<T> ObserveAsync<T>(MosaicSmsOtpOptions options, string operation, Func<Task<T>> call, Func<T, string> resultOf)
    {
        using var activity = MosaicSmsOtpActivitySource.Instance.StartActivity("SmsOtp.Mosaic " + operation, ActivityKind.Client);
        activity?.SetTag(MosaicSmsOtpTags.MosaicOperation, operation);
        var started = options.Clock.GetTimestamp();
        try
        {
            var value = await call().ConfigureAwait(false);
            var result = resultOf(value);
            activity?.SetTag(MosaicSmsOtpTags.MosaicResult, result);
            metrics.MosaicCall(operation, result, null, options.Clock.GetElapsedTime(started));
            return value;
        }
        catch (MosaicApiException ex)
        {
            var error = MosaicOperation.ResultOf(ex.Kind);
            activity?.SetTag(MosaicSmsOtpTags.MosaicResult, error);
            activity?.SetTag(MosaicSmsOtpTags.ErrorType, error);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            metrics.MosaicCall(operation, error, error, options.Clock.GetElapsedTime(started));
            throw;
        }
    }

    private static bool IsOnMosaic(MosaicSmsOtpOptions options, Uri uri)
    {
        var mosaicBase = options.EffectiveBaseUrl;
        return uri.Scheme == mosaicBase.Scheme && string.Equals(uri.Authority, mosaicBase.Authority, StringComparison.OrdinalIgnoreCase);
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
