using Microsoft.Extensions.Logging;

namespace SmsOtp.AspNetCore.Testing.Diagnostics;

/// <summary>
/// The emulator's log events. Phone numbers are masked; codes, passcodes and tokens are never logged.
/// </summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(1, LogLevel.Information, "Mosaic emulator sent an SMS OTP to {MaskedPhoneNumber} for client {ClientId}.")]
    public static partial void SmsSent(ILogger logger, string maskedPhoneNumber, string clientId);

    [LoggerMessage(2, LogLevel.Information, "Mosaic emulator validated an SMS OTP for {MaskedPhoneNumber}.")]
    public static partial void OtpValidated(ILogger logger, string maskedPhoneNumber);

    [LoggerMessage(3, LogLevel.Information, "Mosaic emulator rejected an SMS OTP for {MaskedPhoneNumber}: {Outcome}.")]
    public static partial void OtpRejected(ILogger logger, string maskedPhoneNumber, string outcome);

    [LoggerMessage(4, LogLevel.Information, "Mosaic emulator issued tokens to client {ClientId} with grant {GrantType}.")]
    public static partial void TokensIssued(ILogger logger, string clientId, string grantType);

    [LoggerMessage(5, LogLevel.Information, "Mosaic emulator refused a token request from client {ClientId}: {Error}.")]
    public static partial void TokenRequestRefused(ILogger logger, string? clientId, string error);

    [LoggerMessage(6, LogLevel.Information, "Mosaic emulator injected a fault into {Endpoint}: status {StatusCode}.")]
    public static partial void FaultInjected(ILogger logger, MosaicEmulatorEndpoint endpoint, int? statusCode);

    [LoggerMessage(7, LogLevel.Information, "Mosaic emulator redirected to the client with an authorization code for {MaskedPhoneNumber}.")]
    public static partial void CodeIssued(ILogger logger, string maskedPhoneNumber);

    [LoggerMessage(8, LogLevel.Information, "Mosaic emulator refused an authorization request: {Error}.")]
    public static partial void AuthorizationRefused(ILogger logger, string error);

    [LoggerMessage(9, LogLevel.Warning, "Mosaic emulator did not deliver an SMS OTP to {MaskedPhoneNumber}: {Reason}.")]
    public static partial void SmsNotDelivered(ILogger logger, string maskedPhoneNumber, string reason);

    [LoggerMessage(10, LogLevel.Warning, "Emulator mode: no Mosaic tenant configured ({TenantSection}), so the Mosaic emulator runs inside this app and no real SMS is sent. Read the SMS it sends at {DevSmsPage}")]
    public static partial void EmbeddedMode(ILogger logger, string tenantSection, string devSmsPage);

    [LoggerMessage(11, LogLevel.Warning, "Emulator mode: the ClientId set in code for scheme {Scheme} is not used; the embedded Mosaic emulator's client replaces it, because emulator mode is chosen from configuration ({TenantSection}:ClientId is empty). To use your tenant, set {TenantSection}:ClientId and {TenantSection}:ClientSecret in configuration (user secrets, environment), or remove AddMosaicEmulatorWhenNoTenant and MapMosaicEmulatorWhenNoTenant.")]
    public static partial void ClientIdInCodeReplaced(ILogger logger, string scheme, string tenantSection);

    /// <summary>Keeps the country prefix and the last four digits: <c>+1******1212</c>.</summary>
    public static string Mask(string phoneNumber) =>
        phoneNumber.Length <= 6 ? "***" : string.Concat(phoneNumber.AsSpan(0, 2), new string('*', phoneNumber.Length - 6), phoneNumber.AsSpan(phoneNumber.Length - 4));
}
