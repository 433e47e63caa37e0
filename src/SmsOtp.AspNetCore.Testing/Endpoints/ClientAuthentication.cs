using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using SmsOtp.AspNetCore.Testing.Diagnostics;
using SmsOtp.AspNetCore.Testing.Hosting;

namespace SmsOtp.AspNetCore.Testing.Endpoints;

/// <summary>
/// Client authentication at the token and revocation endpoints (RFC 6749 §2.3.1): <c>client_secret_basic</c> or
/// <c>client_secret_post</c>, never both in one request.
/// </summary>
internal static class ClientAuthentication
{
    /// <summary>The <c>WWW-Authenticate</c> challenge of a 401 to a client that tried HTTP Basic (RFC 6749 §5.2).</summary>
    public const string BasicChallenge = "Basic realm=\"mosaic\", charset=\"UTF-8\"";

    /// <summary>Returns the client, or the error response to send (400 <c>invalid_request</c>, 401 <c>invalid_client</c>).</summary>
    public static (MosaicEmulatorClient? Client, IResult? Refusal) Authenticate(HttpContext context, EmulatorRuntime runtime, IFormCollection form)
    {
        var basic = ReadBasic(context.Request, out var malformedBasic);
        // A secret in the body as well as Basic is two methods; a body client_id naming another client is a contradiction.
        if (basic is { } credentials && (Single(form, "client_secret") is not null
            || (Single(form, "client_id") is { } bodyId && !string.Equals(bodyId, credentials.ClientId, StringComparison.Ordinal))))
        {
            return (null, EmulatorResponses.OAuthError("invalid_request", "client authentication must use only one method"));
        }

        var (clientId, clientSecret) = basic ?? (Single(form, "client_id"), Single(form, "client_secret"));
        var client = malformedBasic ? null : runtime.Authenticate(clientId, clientSecret);
        if (client is not null)
        {
            return (client, null);
        }

        EmulatorLog.TokenRequestRefused(runtime.Logger, clientId, "invalid_client");
        if (basic is not null || malformedBasic)
        {
            context.Response.Headers.WWWAuthenticate = BasicChallenge;
        }

        return (null, EmulatorResponses.OAuthError("invalid_client", "client authentication failed", StatusCodes.Status401Unauthorized));
    }

    /// <summary>RFC 6749 §3.1/§3.2: parameters sent without a value are treated as omitted; none may be repeated.</summary>
    public static string? RepeatedParameter(IFormCollection form) =>
        form.FirstOrDefault(pair => pair.Value.Count > 1).Key;

    private static string? Single(IFormCollection form, string name) =>
        form[name].ToString() is { Length: > 0 } value ? value : null;

    /// <summary>client_secret_basic: id and secret form-urlencoded, then base64 (RFC 6749 §2.3.1).</summary>
    private static (string? ClientId, string? ClientSecret)? ReadBasic(HttpRequest request, out bool malformed)
    {
        malformed = false;
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? string.Empty));
            var separator = decoded.IndexOf(':', StringComparison.Ordinal);
            if (separator > 0)
            {
                return (Uri.UnescapeDataString(decoded[..separator].Replace('+', ' ')), Uri.UnescapeDataString(decoded[(separator + 1)..].Replace('+', ' ')));
            }
        }
        catch (FormatException)
        {
        }

        malformed = true;
        return null;
    }
}
