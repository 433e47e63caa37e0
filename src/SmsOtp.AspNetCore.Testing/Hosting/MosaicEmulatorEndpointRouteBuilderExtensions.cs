using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmsOtp.AspNetCore.Testing.Endpoints;
using SmsOtp.AspNetCore.Testing.HostedLogin;
using SmsOtp.AspNetCore.Testing.Hosting;
using SmsOtp.AspNetCore.Testing.Inbox;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Serves the Mosaic emulator's endpoints from an application (after <c>AddMosaicEmulator</c>).
/// </summary>
public static class MosaicEmulatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps Mosaic's SMS OTP, token and OIDC endpoints, the hosted login page and the <c>/emulator</c> controls under
    /// <paramref name="prefix"/>; discovery and result URLs include it.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="prefix">The path the emulator lives under, e.g. <c>/mosaic</c>; empty for the root.</param>
    /// <returns>A builder to add conventions (authorization, host filters) to every emulator endpoint.</returns>
    public static IEndpointConventionBuilder MapMosaicEmulator(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        if (endpoints.ServiceProvider.GetService<EmulatorRuntime>() is null)
        {
            throw new InvalidOperationException("Call services.AddMosaicEmulator() before app.MapMosaicEmulator().");
        }

        var normalized = prefix.Length == 0 ? string.Empty : "/" + prefix.Trim('/');
        var group = endpoints.MapGroup(normalized);
        group.WithMetadata(new EmulatorPrefix(normalized));

        foreach (var root in new[] { "/oidc", "/cis/oidc" })
        {
            group.MapPost(root + "/token", TokenEndpoint.HandleAsync);
            group.MapGet(root + "/auth", AuthorizeEndpoint.HandleAsync);
            group.MapGet(root + "/.well-known/openid-configuration", OidcEndpoints.DiscoveryAsync);
            group.MapGet(root + "/jwks", OidcEndpoints.JwksAsync);
            group.MapMethods(root + "/me", [HttpMethods.Get, HttpMethods.Post], OidcEndpoints.UserInfoAsync);
            group.MapPost(root + "/token/revocation", RevocationEndpoint.HandleAsync);
        }

        group.MapPost("/cis/v1/auth/otp/sms", OneTimeLoginEndpoints.SendAsync);
        group.MapPost("/cis/v1/auth/otp/sms/validation", OneTimeLoginEndpoints.ValidateAsync);
        group.MapPost("/cis/v1/auth/logout", LogoutEndpoint.HandleAsync);
        group.MapPost("/cis/oidc/login/{interaction}/phone", (HttpContext context, string interaction) => HostedLoginEndpoints.PhoneAsync(context, interaction));
        group.MapPost("/cis/oidc/login/{interaction}/code", (HttpContext context, string interaction) => HostedLoginEndpoints.CodeAsync(context, interaction));

        group.MapGet("/emulator/outbox", ControlEndpoints.OutboxAsync);
        group.MapGet("/emulator/inbox", InboxPage.RenderAsync);
        group.MapGet("/emulator/counters", ControlEndpoints.CountersAsync);
        group.MapPost("/emulator/faults", ControlEndpoints.SetFaultAsync);
        group.MapDelete("/emulator/faults", ControlEndpoints.ClearFaultsAsync);
        return group;
    }
}
