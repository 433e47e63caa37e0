using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using SmsOtp.AspNetCore.Testing.Diagnostics;
using SmsOtp.AspNetCore.Testing.Faults;
using SmsOtp.AspNetCore.Testing.Hosting;
using SmsOtp.AspNetCore.Testing.State;

namespace SmsOtp.AspNetCore.Testing.Endpoints;

/// <summary>
/// Mosaic's one-time login API group: <c>POST /cis/v1/auth/otp/sms</c> and <c>POST /cis/v1/auth/otp/sms/validation</c>.
/// </summary>
internal static partial class OneTimeLoginEndpoints
{
    public const string DefaultMessage = "Your {app} verification code is: {otp}";
    private const int MaxApprovalDataKeys = 10;

    public static async Task SendAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        if (await FaultInjector.ApplyAsync(runtime, MosaicEmulatorEndpoint.SendSms, context).ConfigureAwait(false))
        {
            await NotDeliveredFromBodyAsync(context, runtime, "an injected fault answered HTTP " + context.Response.StatusCode.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            return;
        }

        var result = await SendCoreAsync(context, runtime).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    public static async Task ValidateAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<EmulatorRuntime>();
        if (await FaultInjector.ApplyAsync(runtime, MosaicEmulatorEndpoint.ValidateSms, context).ConfigureAwait(false))
        {
            return;
        }

        var result = await ValidateCoreAsync(context, runtime).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>E.164 with ASCII digits only (.NET's \d would also accept other scripts' digits).</summary>
    [GeneratedRegex("^\\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    public static partial Regex E164();

    [GeneratedRegex("^[A-Za-z0-9_.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ApprovalDataKey();

    /// <summary>Generates, stores and "delivers" a code. Shared with the hosted login page.</summary>
    public static void DeliverCode(EmulatorRuntime runtime, MosaicEmulatorClient client, string phoneNumber, string? customMessage, string? senderId, PendingSend send)
    {
        var code = runtime.CreatePasscode(phoneNumber);
        runtime.Otps.Store(client.ClientId, phoneNumber, code, send);
        var text = (customMessage ?? DefaultMessage).Replace("{app}", client.AppName, StringComparison.Ordinal).Replace("{otp}", code, StringComparison.Ordinal);
        runtime.Outbox.Add(new MosaicEmulatorSms(phoneNumber, text, senderId, code, runtime.TimeProvider.GetUtcNow()));
        EmulatorLog.SmsSent(runtime.Logger, EmulatorLog.Mask(phoneNumber), client.ClientId);
    }

    /// <summary>Checks a passcode and, when valid, returns the grant it proves. Shared with the hosted login page.</summary>
    public static (OtpOutcome Outcome, UserGrant? Grant, string? RedirectUri) CheckCode(EmulatorRuntime runtime, MosaicEmulatorClient client, string phoneNumber, string passcode, string? nonce)
    {
        var validation = runtime.Otps.Validate(client.ClientId, phoneNumber, passcode);
        if (validation.Outcome != OtpOutcome.Valid || validation.Send is not { } send)
        {
            EmulatorLog.OtpRejected(runtime.Logger, EmulatorLog.Mask(phoneNumber), validation.Outcome.ToString());
            return (validation.Outcome, null, null);
        }

        var (userId, created) = runtime.Users.GetOrCreate(phoneNumber);
        EmulatorLog.OtpValidated(runtime.Logger, EmulatorLog.Mask(phoneNumber));
        var grant = new UserGrant(client.ClientId, userId, phoneNumber, runtime.TimeProvider.GetUtcNow(), created, send.RequestedClaims, send.ApprovalData) { Nonce = nonce };
        return (OtpOutcome.Valid, grant, send.RedirectUri);
    }

    public static IResult OtpError(OtpOutcome outcome) => outcome switch
    {
        OtpOutcome.Expired => EmulatorResponses.Error(StatusCodes.Status400BadRequest, "Passcode expired", "expired_otp"),
        OtpOutcome.Locked => EmulatorResponses.Error(StatusCodes.Status403Forbidden, "One time code invalid due to multiple failed attempts", "auth_locked"),
        _ => EmulatorResponses.Error(StatusCodes.Status400BadRequest, "Invalid phone number or passcode", "invalid_otp"),
    };

    /// <summary>The claim names of an OIDC <c>claims</c> request's <c>id_token</c> member.</summary>
    public static IReadOnlySet<string> ReadRequestedClaims(JsonElement claims)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (claims.ValueKind == JsonValueKind.Object && claims.TryGetProperty("id_token", out var idToken) && idToken.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in idToken.EnumerateObject())
            {
                names.Add(property.Name);
            }
        }

        return names;
    }

    /// <summary>Records a "not delivered" outbox entry and a log line.</summary>
    public static void NotDelivered(EmulatorRuntime runtime, string phoneNumber, string reason)
    {
        runtime.Outbox.Add(MosaicEmulatorSms.NotDelivered(phoneNumber, reason, runtime.TimeProvider.GetUtcNow()));
        EmulatorLog.SmsNotDelivered(runtime.Logger, EmulatorLog.Mask(phoneNumber), reason);
    }

    /// <summary>For refusals decided before the body was read: the number, if the body names one, gets the entry.</summary>
    private static async Task NotDeliveredFromBodyAsync(HttpContext context, EmulatorRuntime runtime, string reason)
    {
        using var document = await EmulatorResponses.ReadJsonAsync(context.Request).ConfigureAwait(false);
        if (document is { RootElement.ValueKind: JsonValueKind.Object } && document.RootElement.TryGetProperty("phone_number", out var phone)
            && phone.ValueKind == JsonValueKind.String && E164().IsMatch(phone.GetString()!))
        {
            NotDelivered(runtime, phone.GetString()!, reason);
        }
        else
        {
            EmulatorLog.SmsNotDelivered(runtime.Logger, "(no valid phone_number)", reason);
        }
    }

    private static async Task<IResult> SendCoreAsync(HttpContext context, EmulatorRuntime runtime)
    {
        var client = await AuthenticateBearerAsync(context, runtime).ConfigureAwait(false);
        if (client is null)
        {
            await NotDeliveredFromBodyAsync(context, runtime, "refused with 401: the request carried no valid client access token").ConfigureAwait(false);
            return EmulatorResponses.InvalidToken();
        }

        var (_, document, refusal) = await ReadCallAsync(context, runtime, client).ConfigureAwait(false);
        using var disposeBody = document;
        if (refusal is not null)
        {
            return refusal;
        }

        var body = document!.RootElement;
        var errors = new List<string>();
        var phoneNumber = ReadString(body, "phone_number", required: true, errors);
        if (phoneNumber is not null && !E164().IsMatch(phoneNumber))
        {
            errors.Add("phone_number must be a valid phone number in E.164 format");
        }

        var redirectUri = ReadString(body, "redirect_uri", required: true, errors);
        if (redirectUri is not null && !EmulatorRuntime.IsRedirectUriAllowed(client, redirectUri, EmulatorUrls.GetHost(context, runtime.Options)))
        {
            errors.Add("redirect_uri must be an allowed redirect URI of the application");
        }

        var createNewUser = false;
        if (body.TryGetProperty("create_new_user", out var createElement))
        {
            if (createElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                createNewUser = createElement.GetBoolean();
            }
            else
            {
                errors.Add("create_new_user must be a boolean value");
            }
        }

        var customMessage = ReadString(body, "custom_message", required: false, errors);
        if (customMessage is not null)
        {
            if (customMessage.Length > 140)
            {
                errors.Add("custom_message must be shorter than or equal to 140 characters");
            }

            if (!customMessage.Contains("{otp}", StringComparison.Ordinal) || !customMessage.Contains("{app}", StringComparison.Ordinal))
            {
                errors.Add("custom_message must contain {otp} and {app} placeholders");
            }
        }

        var senderId = ReadString(body, "sender_id", required: false, errors);
        if (senderId is { Length: > 11 })
        {
            errors.Add("sender_id must be shorter than or equal to 11 characters");
        }

        IReadOnlySet<string> requestedClaims = new HashSet<string>();
        if (body.TryGetProperty("claims", out var claims))
        {
            if (claims.ValueKind == JsonValueKind.Object)
            {
                requestedClaims = ReadRequestedClaims(claims);
            }
            else
            {
                errors.Add("claims must be an object");
            }
        }

        JsonElement? approvalData = null;
        if (body.TryGetProperty("approval_data", out var approval))
        {
            if (IsValidApprovalData(approval))
            {
                approvalData = approval.Clone();
            }
            else
            {
                errors.Add("approval_data must be a flat object of at most 10 keys made of [A-Za-z0-9_.-]");
            }
        }

        if (errors.Count > 0 || phoneNumber is null || redirectUri is null)
        {
            if (phoneNumber is not null && E164().IsMatch(phoneNumber))
            {
                NotDelivered(runtime, phoneNumber, "refused with 400: " + string.Join("; ", errors));
            }

            return EmulatorResponses.BadRequest(errors);
        }

        if (runtime.Users.Find(phoneNumber) is null && (!createNewUser || !client.PublicSignUp))
        {
            NotDelivered(runtime, phoneNumber, createNewUser
                ? "unknown user, and client " + client.ClientId + " does not allow public sign-up (MosaicEmulatorClient.PublicSignUp); answered 404"
                : "unknown user and create_new_user was false; answered 404 (add the number to MosaicEmulatorOptions.Users, or set CreateNewUser = true on the app's MosaicSmsOtpOptions)");
            return EmulatorResponses.Error(StatusCodes.Status404NotFound, "User not found");
        }

        DeliverCode(runtime, client, phoneNumber, customMessage, senderId, new PendingSend(redirectUri, createNewUser, requestedClaims, approvalData));
        var response = new Dictionary<string, object> { ["message"] = "SMS sent" };
        if (approvalData is { } echoed)
        {
            response["approval_data"] = echoed;
        }

        return EmulatorResponses.Json(response);
    }

    private static async Task<IResult> ValidateCoreAsync(HttpContext context, EmulatorRuntime runtime)
    {
        var (client, document, refusal) = await ReadCallAsync(context, runtime).ConfigureAwait(false);
        using var disposeBody = document;
        if (refusal is not null)
        {
            return refusal;
        }

        var body = document!.RootElement;
        var errors = new List<string>();
        var phoneNumber = ReadString(body, "phone_number", required: true, errors);
        var passcode = ReadString(body, "passcode", required: true, errors);
        var nonce = ReadString(body, "nonce", required: false, errors);
        var responseType = ReadString(body, "response_type", required: false, errors);
        if (responseType is not null and not ("code" or "id_token"))
        {
            errors.Add("response_type must be one of the following values: code, id_token");
        }

        if (errors.Count > 0 || phoneNumber is null || passcode is null)
        {
            return EmulatorResponses.BadRequest(errors);
        }

        var (outcome, grant, redirectUri) = CheckCode(runtime, client, phoneNumber, passcode, nonce);
        if (grant is null || redirectUri is null)
        {
            return OtpError(outcome);
        }

        var ticket = EmulatorRuntime.CreateOpaqueToken();
        runtime.Tickets.Add(ticket, new LoginTicket(grant, redirectUri, responseType == "id_token"), runtime.TimeProvider.GetUtcNow() + EmulatorRuntime.LoginTicketLifetime);
        var result = QueryHelpers.AddQueryString(
            EmulatorUrls.GetBase(context, runtime.Options) + "/cis/oidc/auth",
            new KeyValuePair<string, string?>[] { new("client_id", client.ClientId), new("login_ticket", ticket) });
        return EmulatorResponses.Json(new Dictionary<string, object> { ["result"] = result });
    }

    /// <summary>
    /// What both one-time-login calls check first, in Mosaic's order: a client access token (401), then a JSON object
    /// body (400). The caller disposes the document.
    /// </summary>
    private static async Task<(MosaicEmulatorClient Client, JsonDocument? Body, IResult? Refusal)> ReadCallAsync(HttpContext context, EmulatorRuntime runtime, MosaicEmulatorClient? authenticated = null)
    {
        var client = authenticated ?? await AuthenticateBearerAsync(context, runtime).ConfigureAwait(false);
        if (client is null)
        {
            return (null!, null, EmulatorResponses.InvalidToken());
        }

        var document = await EmulatorResponses.ReadJsonAsync(context.Request).ConfigureAwait(false);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document?.Dispose();
            return (client, null, EmulatorResponses.BadRequest(["body must be a JSON object"]));
        }

        return (client, document, null);
    }

    /// <summary>A client access token of a known client (sub = client_id tells it from a user token).</summary>
    private static async Task<MosaicEmulatorClient?> AuthenticateBearerAsync(HttpContext context, EmulatorRuntime runtime)
    {
        var token = await runtime.Tokens.ValidateAccessTokenAsync(EmulatorResponses.GetBearerToken(context.Request)).ConfigureAwait(false);
        return token is { IsClientToken: true } ? runtime.FindClient(token.ClientId) : null;
    }

    private static string? ReadString(JsonElement body, string name, bool required, List<string> errors)
    {
        if (!body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(name + " should not be empty");
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(name + " must be a string");
            return null;
        }

        var value = element.GetString()!;
        if (required && value.Length == 0)
        {
            errors.Add(name + " should not be empty");
            return null;
        }

        return value;
    }

    private static bool IsValidApprovalData(JsonElement approval) =>
        approval.ValueKind == JsonValueKind.Object
        && approval.EnumerateObject().Count() <= MaxApprovalDataKeys
        && approval.EnumerateObject().All(property => ApprovalDataKey().IsMatch(property.Name)
            && property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array));
}
