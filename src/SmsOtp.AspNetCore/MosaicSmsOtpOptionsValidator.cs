using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Phone;

namespace SmsOtp.AspNetCore;

/// <summary>
/// Checks the options at start-up and reports every problem at once, each naming the option and what to set, so a
/// misconfigured app fails at boot rather than at its first sign-in.
/// </summary>
internal sealed class MosaicSmsOtpOptionsValidator(
    IHostEnvironment? environment = null,
    IOptions<AuthenticationOptions>? authentication = null,
    IServiceProviderIsService? services = null) : IValidateOptions<MosaicSmsOtpOptions>
{
    /// <summary>The widest clock skew an ID token's lifetime is checked with.</summary>
    internal static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, MosaicSmsOtpOptions options)
    {
        var scheme = name ?? MosaicSmsOtpDefaults.AuthenticationScheme;
        var configKey = $"Authentication:Schemes:{scheme}";
        // Values from configuration that could not be bound come first: they explain other problems (a default kept).
        var problems = new List<string>(options.ConfigurationProblems);
        ValidateSignInScheme(scheme, options.SignInScheme, problems);
        ValidateEnums(options, problems);

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            problems.Add($"MosaicSmsOtpOptions.ClientId is required: set it to your Mosaic application's client id (Admin Portal > Applications), in code or as '{configKey}:ClientId'.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            problems.Add($"MosaicSmsOtpOptions.ClientSecret is required: set it to your Mosaic application's client secret, from user secrets or a vault, as '{configKey}:ClientSecret'.");
        }

        if (options.BaseUrl is { } baseUrl && (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp)))
        {
            problems.Add("MosaicSmsOtpOptions.BaseUrl must be an absolute http(s) URL such as https://api.transmitsecurity.io, or null to use Region.");
        }
        else if (options.BaseUrl is { } absoluteBase && HasExtraParts(absoluteBase))
        {
            // The URL itself is not repeated: user info may be a password.
            problems.Add("MosaicSmsOtpOptions.BaseUrl must not carry a query, fragment or user name: set only scheme, host, port and an optional path prefix.");
        }
        else if (options.BaseUrl is { Scheme: "http" } && options.RequireHttpsMetadata)
        {
            problems.Add("MosaicSmsOtpOptions.BaseUrl uses http while RequireHttpsMetadata is true: use https, or set RequireHttpsMetadata to false for a local emulator.");
        }

        if (options.RedirectUri is { } redirectUri)
        {
            if (!redirectUri.IsAbsoluteUri)
            {
                problems.Add("MosaicSmsOtpOptions.RedirectUri must be absolute (for example https://app.example.com/signin-sms/callback), exactly as registered in Mosaic.");
            }
            else
            {
                if (redirectUri.Scheme != Uri.UriSchemeHttps && !(redirectUri.Scheme == Uri.UriSchemeHttp && (IsLoopback(redirectUri) || environment?.IsDevelopment() == true)))
                {
                    problems.Add("MosaicSmsOtpOptions.RedirectUri must use https outside development (http is allowed for loopback addresses).");
                }

                if (HasExtraParts(redirectUri))
                {
                    problems.Add("MosaicSmsOtpOptions.RedirectUri must not carry a query, fragment or user name: Mosaic compares it with the registered redirect URI exactly, and the callback adds its own query.");
                }

                if (options.CallbackPath.HasValue && !redirectUri.AbsolutePath.EndsWith(options.CallbackPath.Value!, StringComparison.Ordinal))
                {
                    problems.Add($"MosaicSmsOtpOptions.RedirectUri must end with CallbackPath ('{options.CallbackPath}'), or the handler never sees Mosaic's redirect.");
                }
            }
        }

        if (options.CustomMessage is { } message)
        {
            if (!message.Contains("{otp}", StringComparison.Ordinal) || !message.Contains("{app}", StringComparison.Ordinal))
            {
                problems.Add("MosaicSmsOtpOptions.CustomMessage must contain both {otp} and {app} placeholders, for example \"Your {app} code is {otp}\".");
            }

            if (message.Length > 140)
            {
                problems.Add($"MosaicSmsOtpOptions.CustomMessage is {message.Length} characters; Mosaic allows at most 140.");
            }
        }

        if (options.SenderId is { Length: > 11 })
        {
            problems.Add("MosaicSmsOtpOptions.SenderId may have at most 11 characters.");
        }

        var paths = new (string Name, Microsoft.AspNetCore.Http.PathString Value)[]
        {
            (nameof(options.SignInPath), options.SignInPath),
            (nameof(options.VerifyPath), options.VerifyPath),
            (nameof(options.ResendPath), options.ResendPath),
            (nameof(options.CallbackPath), options.CallbackPath),
        };
        foreach (var (pathName, value) in paths.Where(p => !p.Value.HasValue))
        {
            problems.Add($"MosaicSmsOtpOptions.{pathName} is required: set it to a path starting with '/'.");
        }

        if (paths.Where(p => p.Value.HasValue).GroupBy(p => p.Value.Value, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            problems.Add("MosaicSmsOtpOptions.SignInPath, VerifyPath, ResendPath and CallbackPath must all differ.");
        }

        if (options.FlowLifetime <= TimeSpan.Zero || options.FlowLifetime > TimeSpan.FromMinutes(10))
        {
            problems.Add("MosaicSmsOtpOptions.FlowLifetime must be more than zero and at most 10 minutes (an SMS code must not outlive 10 minutes).");
        }

        if (options.FlowCookie.Name is { } cookieName && cookieName.StartsWith(Flow.SmsOtpFlowCookie.HostPrefix, StringComparison.Ordinal)
            && (options.FlowCookie.Domain is not null || options.FlowCookie.Path is not (null or "/")))
        {
            problems.Add($"MosaicSmsOtpOptions.FlowCookie: a '__Host-' cookie ('{cookieName}') can have no Domain and only Path '/' (browsers refuse it otherwise). Leave Domain and Path unset, or choose a name without the prefix and accept that sibling subdomains can then plant the cookie.");
        }

        if (string.IsNullOrWhiteSpace(options.FlowCookie.Name))
        {
            problems.Add("MosaicSmsOtpOptions.FlowCookie.Name is required (default: __Host-SmsOtp.Flow).");
        }

        if (options.BackchannelTimeout <= TimeSpan.Zero || options.BackchannelTimeout > TimeSpan.FromSeconds(60))
        {
            problems.Add("MosaicSmsOtpOptions.BackchannelTimeout must be more than zero and at most 60 seconds.");
        }

        var codePolicy = options.CodePolicy;
        if (codePolicy.LockoutDuration < TimeSpan.FromMinutes(1) || codePolicy.LockoutDuration > TimeSpan.FromDays(1))
        {
            problems.Add("MosaicSmsOtpOptions.CodePolicy.LockoutDuration must be between 1 minute and a day: set it to your tenant's OTP lockout duration (Admin Portal > Authentication methods > One-time passcodes).");
        }

        if (codePolicy.LockoutThreshold is < 1 or > 20)
        {
            problems.Add("MosaicSmsOtpOptions.CodePolicy.LockoutThreshold must be between 1 and 20: set it to your tenant's failed-attempts lockout count (Mosaic's maxFailures).");
        }

        if (codePolicy.CodeLifetime < TimeSpan.FromMinutes(1) || codePolicy.CodeLifetime > TimeSpan.FromMinutes(10))
        {
            problems.Add("MosaicSmsOtpOptions.CodePolicy.CodeLifetime must be between 1 and 10 minutes: set it to your tenant's OTP expiration time.");
        }

        if (options.ResponseFloor is { } floor && (floor <= TimeSpan.Zero || floor > options.BackchannelTimeout))
        {
            problems.Add("MosaicSmsOtpOptions.ResponseFloor must be more than zero and at most BackchannelTimeout, or null for no floor.");
        }

        if (options.TokenValidationParameters is null)
        {
            problems.Add("MosaicSmsOtpOptions.TokenValidationParameters must not be null: leave the default, or set a new TokenValidationParameters() with the properties you change.");
        }
        else if (options.TokenValidationParameters.ClockSkew < TimeSpan.Zero || options.TokenValidationParameters.ClockSkew > MaxClockSkew)
        {
            // Checklist B-25: a wider skew keeps an expired ID token usable for longer than its issuer intended.
            problems.Add("MosaicSmsOtpOptions.TokenValidationParameters.ClockSkew must be between zero and 5 minutes (default: 1 minute).");
        }

        if (options.MaxRequestBodySize < 1024)
        {
            problems.Add("MosaicSmsOtpOptions.MaxRequestBodySize must be at least 1024 bytes.");
        }

        if (string.IsNullOrWhiteSpace(options.TokenEndpointPath) || string.IsNullOrWhiteSpace(options.DiscoveryPath))
        {
            problems.Add("MosaicSmsOtpOptions.TokenEndpointPath and DiscoveryPath are required (defaults: /oidc/token and /cis/oidc/.well-known/openid-configuration).");
        }

        if (options.RequestedClaims.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("MosaicSmsOtpOptions.RequestedClaims must not contain empty names.");
        }

        ValidateFlowCookie(options, paths.Select(p => p.Value), problems);
        ValidateEvents(options, problems);
        ValidateThrottling(options.Throttling, problems);
        try
        {
            // The normaliser checks the regions against libphonenumber's own list.
            _ = new PhoneNumberNormalizer(options.PhoneNumbers);
        }
        catch (ArgumentException ex)
        {
            problems.Add("MosaicSmsOtpOptions.PhoneNumbers: " + ex.Message);
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void ValidateThrottling(MosaicSmsOtpThrottlingOptions throttling, List<string> problems)
    {
        if (throttling.ResendCooldown < TimeSpan.Zero || throttling.ResendCooldown > TimeSpan.FromHours(1))
        {
            problems.Add("MosaicSmsOtpOptions.Throttling.ResendCooldown must be between zero (no cooldown) and one hour.");
        }

        if (throttling.ConsecutiveFailureWindow < TimeSpan.FromHours(1) || throttling.ConsecutiveFailureWindow > TimeSpan.FromDays(30))
        {
            problems.Add("MosaicSmsOtpOptions.Throttling.ConsecutiveFailureWindow must be between 1 hour and 30 days.");
        }

        var limits = new (string Name, int Value)[]
        {
            (nameof(throttling.MaxSendsPerNumberPerHour), throttling.MaxSendsPerNumberPerHour),
            (nameof(throttling.MaxSendsPerClientIpPerHour), throttling.MaxSendsPerClientIpPerHour),
            (nameof(throttling.MaxSendsPerHour), throttling.MaxSendsPerHour),
            (nameof(throttling.MaxAttemptsPerFlow), throttling.MaxAttemptsPerFlow),
            (nameof(throttling.MaxAttemptsPerNumberPerHour), throttling.MaxAttemptsPerNumberPerHour),
            (nameof(throttling.MaxConsecutiveFailuresPerNumber), throttling.MaxConsecutiveFailuresPerNumber),
        };
        foreach (var (limitName, _) in limits.Where(l => l.Value < 1))
        {
            problems.Add($"MosaicSmsOtpOptions.Throttling.{limitName} must be at least 1.");
        }

        if (throttling.MaxAttemptsPerNumberPerHour > 100 || throttling.MaxConsecutiveFailuresPerNumber > 100)
        {
            problems.Add("MosaicSmsOtpOptions.Throttling.MaxAttemptsPerNumberPerHour and MaxConsecutiveFailuresPerNumber may be at most 100 (NIST SP 800-63B limits consecutive failures to 100).");
        }
    }

    /// <summary>
    /// The callback signs in with the sign-in scheme: without a handler for it, or with one that cannot sign in, the
    /// first sign-in fails with a 500 after its SMS was paid for.
    /// </summary>
    private void ValidateSignInScheme(string scheme, string? signInScheme, List<string> problems)
    {
        if (string.IsNullOrEmpty(signInScheme))
        {
            problems.Add("MosaicSmsOtpOptions.SignInScheme is not set, and AuthenticationOptions has no DefaultSignInScheme or DefaultScheme to take it from: register the scheme that keeps the session and make it the default, for example AddAuthentication(o => { o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme; o.DefaultChallengeScheme = MosaicSmsOtpDefaults.AuthenticationScheme; }).AddCookie(), or set SignInScheme.");
            return;
        }

        if (string.Equals(signInScheme, scheme, StringComparison.Ordinal))
        {
            problems.Add($"MosaicSmsOtpOptions.SignInScheme is '{scheme}', this SMS scheme itself (taken from AuthenticationOptions.DefaultSignInScheme or DefaultScheme). The SMS scheme only challenges: make the cookie scheme the DefaultScheme and this one the DefaultChallengeScheme, e.g. AddAuthentication(o => {{ o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme; o.DefaultChallengeScheme = \"{scheme}\"; }}).AddCookie(), or set SignInScheme.");
            return;
        }

        if (authentication is null)
        {
            return;
        }

        var registered = authentication.Value.Schemes.ToList();
        var target = registered.FirstOrDefault(s => string.Equals(s.Name, signInScheme, StringComparison.Ordinal));
        if (target is null)
        {
            var names = registered.Count == 0 ? "none" : string.Join(", ", registered.Select(s => $"'{s.Name}'"));
            problems.Add($"No authentication handler is registered for the sign-in scheme '{signInScheme}' (MosaicSmsOtpOptions.SignInScheme, or AuthenticationOptions.DefaultSignInScheme/DefaultScheme); registered schemes: {names}. Add it, for example .AddCookie() after AddAuthentication(...), or set SignInScheme to a registered cookie scheme.");
        }
        else if (target.HandlerType is { } handlerType && !typeof(IAuthenticationSignInHandler).IsAssignableFrom(handlerType))
        {
            problems.Add($"The sign-in scheme '{signInScheme}' ({handlerType.Name}) cannot sign anyone in: MosaicSmsOtpOptions.SignInScheme (or AuthenticationOptions.DefaultSignInScheme/DefaultScheme) must name a scheme that keeps a session, such as the cookie scheme.");
        }
    }

    private static void ValidateEnums(MosaicSmsOtpOptions options, List<string> problems)
    {
        // Set from code as numbers, these are values the handler has no behaviour for.
        if (!Enum.IsDefined(options.Region))
        {
            problems.Add($"MosaicSmsOtpOptions.Region is {(int)options.Region}, which is not a region: use one of {string.Join(", ", Enum.GetNames<MosaicRegion>())}.");
        }

        if (!Enum.IsDefined(options.FlowCookie.SameSite))
        {
            problems.Add($"MosaicSmsOtpOptions.FlowCookie.SameSite is {(int)options.FlowCookie.SameSite}: use one of {string.Join(", ", Enum.GetNames<SameSiteMode>())} (Lax is the default and the right one).");
        }

        if (!Enum.IsDefined(options.FlowCookie.SecurePolicy))
        {
            problems.Add($"MosaicSmsOtpOptions.FlowCookie.SecurePolicy is {(int)options.FlowCookie.SecurePolicy}: use one of {string.Join(", ", Enum.GetNames<CookieSecurePolicy>())}.");
        }
    }

    /// <summary>Flow cookie settings with which the browser never sends the cookie back, found today only at the callback.</summary>
    private static void ValidateFlowCookie(MosaicSmsOtpOptions options, IEnumerable<PathString> paths, List<string> problems)
    {
        var cookie = options.FlowCookie;
        if (cookie.SameSite == SameSiteMode.Strict)
        {
            problems.Add("MosaicSmsOtpOptions.FlowCookie.SameSite is Strict: Mosaic sends the browser back to the callback from its own site, and a Strict cookie does not come with that redirect. Use Lax (the default).");
        }
        else if (cookie.SameSite == SameSiteMode.None && cookie.SecurePolicy != CookieSecurePolicy.Always)
        {
            problems.Add("MosaicSmsOtpOptions.FlowCookie.SameSite is None, which browsers accept only on Secure cookies: set FlowCookie.SecurePolicy to Always, or use SameSite Lax (the default).");
        }

        var prefix = cookie.Path?.TrimEnd('/');
        if (prefix is { Length: > 0 } && paths.Any(p => p.HasValue && !p.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"MosaicSmsOtpOptions.FlowCookie.Path is '{cookie.Path}', which does not cover SignInPath, VerifyPath, ResendPath and CallbackPath, so the browser would not send the flow back to them: leave it unset (the handler scopes the cookie to its paths) or use a prefix of all four.");
        }
    }

    private void ValidateEvents(MosaicSmsOtpOptions options, List<string> problems)
    {
        if (options.EventsType is not { } eventsType)
        {
            return;
        }

        if (!typeof(MosaicSmsOtpEvents).IsAssignableFrom(eventsType))
        {
            problems.Add($"MosaicSmsOtpOptions.EventsType is {eventsType.Name}, which does not derive from MosaicSmsOtpEvents: derive your events class from it.");
        }
        else if (services is not null && !services.IsService(eventsType))
        {
            problems.Add($"MosaicSmsOtpOptions.EventsType is {eventsType.Name}, which is not registered: add services.AddScoped<{eventsType.Name}>() (or AddSingleton).");
        }
    }

    private static bool HasExtraParts(Uri uri) => uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0;

    private static bool IsLoopback(Uri uri)
        => uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
