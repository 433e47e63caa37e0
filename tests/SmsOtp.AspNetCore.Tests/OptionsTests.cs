using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;

namespace SmsOtp.AspNetCore.Tests;

/// <summary>Registration, configuration binding and start-up validation of the options.</summary>
public sealed class OptionsTests
{
    [Fact]
    public async Task A_missing_client_id_and_secret_stop_the_app_at_start_up_with_messages_that_say_what_to_set()
    {
        await using var app = Build(o => { });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(error.Failures, f => f.StartsWith("MosaicSmsOtpOptions.ClientId is required", StringComparison.Ordinal) && f.Contains("Authentication:Schemes:MosaicSmsOtp:ClientId", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("MosaicSmsOtpOptions.ClientSecret is required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Your code is {otp}", "must contain both {otp} and {app}")]
    [InlineData("{app} {otp} ...............................................................................................................................................", "Mosaic allows at most 140")]
    public async Task A_bad_custom_message_stops_the_app_at_start_up(string message, string expected)
    {
        await using var app = Build(o => { Valid(o); o.CustomMessage = message; });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        await using var app = Build(o =>
        {
            Valid(o);
            o.SenderId = "TWELVE-CHARS";
            o.FlowLifetime = TimeSpan.FromMinutes(30);
            o.RedirectUri = new Uri("http://app.example.com/signin-sms/callback");
            o.BaseUrl = new Uri("http://mosaic.example.com");
            o.Throttling.MaxSendsPerHour = 0;
            o.PhoneNumbers.DefaultRegion = "ZZ";
            o.SignInPath = "/same";
            o.VerifyPath = "/same";
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("SenderId may have at most 11", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("FlowLifetime must be more than zero and at most 10 minutes", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("RedirectUri must use https outside development", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("BaseUrl uses http while RequireHttpsMetadata is true", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Throttling.MaxSendsPerHour must be at least 1", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("PhoneNumbers", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("must all differ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Limits_the_throttle_would_refuse_at_run_time_are_refused_at_start_up()
    {
        await using var app = Build(o =>
        {
            Valid(o);
            o.Throttling.ResendCooldown = TimeSpan.FromHours(2);
            o.Throttling.ConsecutiveFailureWindow = TimeSpan.FromDays(60);
            o.CodePolicy.LockoutDuration = TimeSpan.FromMinutes(-15);
            o.CodePolicy.LockoutThreshold = 21;
            o.CodePolicy.CodeLifetime = TimeSpan.FromMinutes(11);
            o.ResponseFloor = TimeSpan.FromSeconds(11);
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("ResendCooldown must be between zero (no cooldown) and one hour", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ConsecutiveFailureWindow must be between 1 hour and 30 days", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("CodePolicy.LockoutDuration must be between 1 minute and a day", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("CodePolicy.LockoutThreshold must be between 1 and 20", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("CodePolicy.CodeLifetime must be between 1 and 10 minutes", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ResponseFloor must be more than zero and at most BackchannelTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_relative_base_url_from_configuration_gets_the_validator_s_message_not_a_crash()
    {
        await using var app = Build(Valid, new Dictionary<string, string?> { ["Authentication:Schemes:MosaicSmsOtp:BaseUrl"] = "api.eu.transmitsecurity.io" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("BaseUrl must be an absolute http(s) URL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Requested_claims_from_configuration_replace_the_defaults()
    {
        await using var app = Build(Valid, new Dictionary<string, string?>
        {
            ["Authentication:Schemes:MosaicSmsOtp:RequestedClaims:0"] = "phone_number",
            ["Authentication:Schemes:MosaicSmsOtp:RequestedClaims:1"] = "email",
        });
        await app.StartAsync();

        var options = app.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme);

        Assert.Equal(["phone_number", "email"], options.RequestedClaims);
    }

    [Fact]
    public async Task A_redirect_uri_that_does_not_end_with_the_callback_path_is_refused()
    {
        await using var app = Build(o => { Valid(o); o.RedirectUri = new Uri("https://app.example.com/elsewhere"); });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("must end with CallbackPath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Options_bind_from_Authentication_Schemes_MosaicSmsOtp_and_code_wins()
    {
        await using var app = Build(
            o => o.SenderId = "FROMCODE",
            new Dictionary<string, string?>
            {
                ["Authentication:Schemes:MosaicSmsOtp:ClientId"] = "from-config",
                ["Authentication:Schemes:MosaicSmsOtp:ClientSecret"] = "secret-from-config",
                ["Authentication:Schemes:MosaicSmsOtp:Region"] = "EU",
                ["Authentication:Schemes:MosaicSmsOtp:CreateNewUser"] = "true",
                ["Authentication:Schemes:MosaicSmsOtp:SenderId"] = "FROMCONFIG",
                ["Authentication:Schemes:MosaicSmsOtp:FlowLifetime"] = "00:05:00",
                ["Authentication:Schemes:MosaicSmsOtp:Throttling:MaxSendsPerNumberPerHour"] = "3",
                ["Authentication:Schemes:MosaicSmsOtp:PhoneNumbers:DefaultRegion"] = "GB",
            });
        await app.StartAsync();

        var options = app.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme);

        Assert.Equal("from-config", options.ClientId);
        Assert.Equal("secret-from-config", options.ClientSecret);
        Assert.Equal(MosaicRegion.EU, options.Region);
        Assert.Equal(new Uri("https://api.eu.transmitsecurity.io/"), options.EffectiveBaseUrl);
        Assert.True(options.CreateNewUser);
        Assert.Equal("FROMCODE", options.SenderId);
        Assert.Equal(TimeSpan.FromMinutes(5), options.FlowLifetime);
        Assert.Equal(3, options.Throttling.MaxSendsPerNumberPerHour);
        Assert.Equal("GB", options.PhoneNumbers.DefaultRegion);
    }

    [Fact]
    public async Task The_parameterless_overload_configures_entirely_from_configuration()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:Schemes:MosaicSmsOtp:ClientId"] = "id",
            ["Authentication:Schemes:MosaicSmsOtp:ClientSecret"] = "secret",
        });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie().AddMosaicSmsOtp();
        await using var app = builder.Build();

        await app.StartAsync();

        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        var scheme = await schemes.GetSchemeAsync(MosaicSmsOtpDefaults.AuthenticationScheme);
        Assert.Equal("SMS", scheme!.DisplayName);
    }

    [Fact]
    public async Task Two_schemes_can_be_registered_side_by_side_with_their_own_paths()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie()
            .AddMosaicSmsOtp(o => Valid(o))
            .AddMosaicSmsOtp("MosaicEu", "SMS (EU)", o =>
            {
                Valid(o);
                o.Region = MosaicRegion.EU;
                o.SignInPath = "/eu/signin-sms";
                o.VerifyPath = "/eu/signin-sms/verify";
                o.ResendPath = "/eu/signin-sms/resend";
                o.CallbackPath = "/eu/signin-sms/callback";
            });
        await using var app = builder.Build();
        await app.StartAsync();

        var monitor = app.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>();

        Assert.Equal("/signin-sms", monitor.Get(MosaicSmsOtpDefaults.AuthenticationScheme).SignInPath);
        Assert.Equal("/eu/signin-sms", monitor.Get("MosaicEu").SignInPath);
        Assert.Equal(MosaicRegion.EU, monitor.Get("MosaicEu").Region);
        Assert.Equal("__Host-SmsOtp.Flow", monitor.Get(MosaicSmsOtpDefaults.AuthenticationScheme).FlowCookie.Name);
        Assert.Equal("__Host-SmsOtp.Flow.MosaicEu", monitor.Get("MosaicEu").FlowCookie.Name);
    }

    [Theory]
    [InlineData(MosaicRegion.US, "https://api.transmitsecurity.io/")]
    [InlineData(MosaicRegion.EU, "https://api.eu.transmitsecurity.io/")]
    [InlineData(MosaicRegion.CA, "https://api.ca.transmitsecurity.io/")]
    [InlineData(MosaicRegion.AU, "https://api.au.transmitsecurity.io/")]
    [InlineData(MosaicRegion.Sandbox, "https://api.sbx.transmitsecurity.io/")]
    public void Each_region_selects_its_API_host(MosaicRegion region, string expected)
        => Assert.Equal(new Uri(expected), new MosaicSmsOtpOptions { Region = region }.EffectiveBaseUrl);

    [Fact]
    public void A_base_url_overrides_the_region_and_keeps_its_path_prefix()
    {
        var options = new MosaicSmsOtpOptions { Region = MosaicRegion.EU, BaseUrl = new Uri("https://auth.example.com/mosaic") };

        Assert.Equal(new Uri("https://auth.example.com/mosaic/cis/v1/auth/otp/sms"), options.MosaicUri("/cis/v1/auth/otp/sms"));
    }

    [Theory]
    [InlineData("/signin-sms", "/signin-sms/verify", "/signin-sms/resend", "/signin-sms/callback", "/signin-sms")]
    [InlineData("/login", "/login/code", "/login/again", "/oidc-callback", "/")]
    [InlineData("/a/b/login", "/a/b/code", "/a/b/resend", "/a/b/cb", "/a/b")]
    public void The_flow_cookie_is_scoped_to_the_longest_path_the_handler_s_paths_share(string signIn, string verify, string resend, string callback, string expected)
        => Assert.Equal(expected, MosaicSmsOtpPostConfigureOptions.CommonPrefix(signIn, verify, resend, callback).Value);

    private static void Valid(MosaicSmsOtpOptions options)
    {
        options.ClientId = "id";
        options.ClientSecret = "secret";
    }

    private static WebApplication Build(Action<MosaicSmsOtpOptions> configure, Dictionary<string, string?>? configuration = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie().AddMosaicSmsOtp(configure);
        return builder.Build();
    }
}
