using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Phone;

namespace SmsOtp.AspNetCore;

/// <summary>
/// Checks the options at start-up and reports every problem at once, each naming the option and what to set, so a
/// misconfigured app fails at boot rather than at its first sign-in.
/// </summary>
internal sealed class MosaicSmsOtpOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<MosaicSmsOtpOptions>
{
    /// <summary>The widest clock skew an ID token's lifetime is checked with.</summary>
    internal static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, MosaicSmsOtpOptions options)
    {
        var scheme = name ?? MosaicSmsOtpDefaults.AuthenticationScheme;
        var configKey = $"Authentication:Schemes:{scheme}";
        var problems = new List<string>();

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

        if (options.BackchannelTimeout <= TimeSpan.Zero || options.BackchannelTimeout > TimeSpan.FromSeconds(60))
        {
            problems.Add("MosaicSmsOtpOptions.BackchannelTimeout must be more than zero and at most 60 seconds.");
        }

        if (options.MosaicLockoutDuration <= TimeSpan.Zero || options.MosaicLockoutDuration > TimeSpan.FromDays(1))
        {
            problems.Add("MosaicSmsOtpOptions.MosaicLockoutDuration must be more than zero and at most a day: set it to your tenant's OTP lockout duration (Admin Portal > Authentication methods > One-time passcodes).");
        }

        if (options.TokenValidationParameters is null)
        {
            problems.Add("MosaicSmsOtpOptions.TokenValidationParameters is required: leave the default, or adjust its properties.");
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

    private static bool IsLoopback(Uri uri)
        => uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
