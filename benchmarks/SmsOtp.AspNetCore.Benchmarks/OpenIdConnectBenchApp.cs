using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SmsOtp.AspNetCore.Testing;

namespace SmsOtp.AspNetCore.Benchmarks;

/// <summary>
/// What people pick instead: cookie + Microsoft's <c>AddOpenIdConnect</c> (code flow, its defaults: PKCE, form_post,
/// nonce and correlation cookies) pointed at the emulator's hosted SMS login, on a TestServer at https://oidc.test.
/// </summary>
internal static class OpenIdConnectBenchApp
{
    public const string ClientId = "bench-oidc-client";
    public const string ClientSecret = "bench-oidc-client-secret-41c9";
    public static readonly Uri AppBase = new("https://oidc.test/");
    public static readonly Uri CallbackUri = new("https://oidc.test/signin-oidc");

    /// <summary>This app's registration in the emulator.</summary>
    public static MosaicEmulatorClient CreateEmulatorClient() => new()
    {
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        AllowedRedirectUris = { CallbackUri.AbsoluteUri },
    };

    public static Task<WebApplication> StartAppAsync(Uri mosaicBase, Func<HttpMessageHandler> mosaicHandler, BenchHost.Hooks? hooks) => BenchHost.StartAsync(AppBase, builder => builder.Services
        .AddAuthentication(o =>
        {
            o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
        })
        .AddCookie()
        .AddOpenIdConnect(o =>
        {
            o.Authority = new Uri(mosaicBase, "cis/oidc").AbsoluteUri;
            o.ClientId = ClientId;
            o.ClientSecret = ClientSecret;
            o.ResponseType = "code";
            o.BackchannelHttpHandler = mosaicHandler();
        }), hooks);
}
