using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;

namespace SmsOtp.AspNetCore.Tests;

/// <summary>
/// Misconfigurations that used to surface only at a sign-in (often after an SMS was paid for) stop the app at start-up,
/// all at once, each message naming the option and what to set.
/// </summary>
public sealed class BootValidationTests
{
    private const string Section = "Authentication:Schemes:MosaicSmsOtp:";

    [Fact]
    public async Task A_forgotten_AddCookie_names_the_missing_sign_in_scheme_and_how_to_add_it()
    {
        var error = await StartAsync(services => services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = MosaicSmsOtpDefaults.AuthenticationScheme;
            })
            .AddMosaicSmsOtp(Valid));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("No authentication handler is registered for the sign-in scheme 'Cookies' (MosaicSmsOtpOptions.SignInScheme", failure, StringComparison.Ordinal);
        Assert.Contains("registered schemes: 'MosaicSmsOtp'", failure, StringComparison.Ordinal);
        Assert.Contains(".AddCookie()", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_default_scheme_to_sign_in_with_says_to_make_the_cookie_scheme_the_default()
    {
        var error = await StartAsync(services => services.AddAuthentication().AddCookie().AddMosaicSmsOtp(Valid));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("MosaicSmsOtpOptions.SignInScheme is not set, and AuthenticationOptions has no DefaultSignInScheme or DefaultScheme", failure, StringComparison.Ordinal);
        Assert.Contains("o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sms_scheme_as_the_default_scheme_is_refused_as_its_own_sign_in_scheme()
    {
        var error = await StartAsync(services => services.AddAuthentication(MosaicSmsOtpDefaults.AuthenticationScheme).AddCookie().AddMosaicSmsOtp(Valid));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("MosaicSmsOtpOptions.SignInScheme is 'MosaicSmsOtp', this SMS scheme itself", failure, StringComparison.Ordinal);
        Assert.Contains("this one the DefaultChallengeScheme", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_scheme_that_cannot_sign_in_is_refused()
    {
        var error = await StartAsync(services => services
            .AddAuthentication("Header")
            .AddScheme<AuthenticationSchemeOptions, HeaderOnlyHandler>("Header", _ => { })
            .AddMosaicSmsOtp(Valid));

        Assert.Equal("The sign-in scheme 'Header' (HeaderOnlyHandler) cannot sign anyone in: MosaicSmsOtpOptions.SignInScheme (or AuthenticationOptions.DefaultSignInScheme/DefaultScheme) must name a scheme that keeps a session, such as the cookie scheme.", Assert.Single(error.Failures));
    }

    [Fact]
    public async Task Region_Mars_from_configuration_lists_the_valid_regions_together_with_every_other_problem()
    {
        var error = await StartAsync(Registered(_ => { }), new()
        {
            [Section + "ClientId"] = "id",
            [Section + "Region"] = "Mars",
            [Section + "FlowLifetime"] = "ten minutes",
            [Section + "CreateNewUser"] = "yes",
            [Section + "FlowCookie:SameSite"] = "Relaxed",
            [Section + "Throttling:MaxSendsPerHour"] = "lots",
            [Section + "SignInPath"] = "signin",
        });

        Assert.Contains("'Authentication:Schemes:MosaicSmsOtp:Region' is 'Mars', which is not a MosaicRegion: use one of US, EU, CA, AU, Sandbox.", error.Failures);
        Assert.Contains("'Authentication:Schemes:MosaicSmsOtp:FlowLifetime' is 'ten minutes', which is not a time span: write it as [d.]hh:mm:ss, for example 00:10:00 for ten minutes.", error.Failures);
        Assert.Contains("'Authentication:Schemes:MosaicSmsOtp:CreateNewUser' is 'yes', which is not a boolean: use true or false.", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("'Authentication:Schemes:MosaicSmsOtp:FlowCookie:SameSite' is 'Relaxed', which is not a SameSiteMode: use one of ", StringComparison.Ordinal) && f.Contains("Lax", StringComparison.Ordinal));
        Assert.Contains("'Authentication:Schemes:MosaicSmsOtp:Throttling:MaxSendsPerHour' is 'lots', which is not a whole number.", error.Failures);
        Assert.Contains("'Authentication:Schemes:MosaicSmsOtp:SignInPath' is 'signin', which is not a path: it must start with '/'.", error.Failures);
        // ...and the problems of the values that did bind: the secret is still missing.
        Assert.Contains(error.Failures, f => f.StartsWith("MosaicSmsOtpOptions.ClientSecret is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_region_given_as_a_number_is_refused_by_name_from_configuration_and_from_code()
    {
        var fromConfiguration = await StartAsync(Registered(Valid), new() { [Section + "Region"] = "7" });
        var fromCode = await StartAsync(Registered(o => { Valid(o); o.Region = (MosaicRegion)7; }));

        Assert.Contains("'Authentication:Schemes:MosaicSmsOtp:Region' is '7', which is not a MosaicRegion: use one of US, EU, CA, AU, Sandbox.", fromConfiguration.Failures);
        Assert.Equal("MosaicSmsOtpOptions.Region is 7, which is not a region: use one of US, EU, CA, AU, Sandbox.", Assert.Single(fromCode.Failures));
    }

    [Theory]
    [InlineData("https://api.transmitsecurity.io/?tenant=x", "MosaicSmsOtpOptions.BaseUrl must not carry a query, fragment or user name")]
    [InlineData("https://user:pw@api.transmitsecurity.io/", "MosaicSmsOtpOptions.BaseUrl must not carry a query, fragment or user name")]
    public async Task A_base_url_with_a_query_or_credentials_is_refused(string baseUrl, string expected)
    {
        var error = await StartAsync(Registered(o => { Valid(o); o.BaseUrl = new Uri(baseUrl); }));

        Assert.StartsWith(expected, Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_uri_with_a_query_is_refused()
    {
        var error = await StartAsync(Registered(o => { Valid(o); o.RedirectUri = new Uri("https://app.example.com/signin-sms/callback?from=mosaic"); }));

        Assert.StartsWith("MosaicSmsOtpOptions.RedirectUri must not carry a query, fragment or user name", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SameSiteMode.Strict, CookieSecurePolicy.Always, "MosaicSmsOtpOptions.FlowCookie.SameSite is Strict: Mosaic sends the browser back to the callback from its own site")]
    [InlineData(SameSiteMode.None, CookieSecurePolicy.SameAsRequest, "MosaicSmsOtpOptions.FlowCookie.SameSite is None, which browsers accept only on Secure cookies")]
    public async Task A_flow_cookie_the_browser_would_not_send_back_is_refused(SameSiteMode sameSite, CookieSecurePolicy secure, string expected)
    {
        var error = await StartAsync(Registered(o => { Valid(o); o.FlowCookie.SameSite = sameSite; o.FlowCookie.SecurePolicy = secure; }));

        Assert.StartsWith(expected, Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flow_cookie_path_that_misses_the_handler_s_paths_is_refused()
    {
        var error = await StartAsync(Registered(o => { Valid(o); o.FlowCookie.Path = "/account"; }));

        Assert.Contains("MosaicSmsOtpOptions.FlowCookie.Path is '/account', which does not cover SignInPath, VerifyPath, ResendPath and CallbackPath, so the browser would not send the flow back to them: leave it unset (the handler scopes the cookie to its paths) or use a prefix of all four.", error.Failures);
    }

    [Fact]
    public async Task An_events_type_that_is_not_registered_or_not_sms_events_is_refused()
    {
        var unregistered = await StartAsync(Registered(o => { Valid(o); o.EventsType = typeof(AppEvents); }));
        var wrongType = await StartAsync(Registered(o => { Valid(o); o.EventsType = typeof(RemoteAuthenticationEvents); }));

        Assert.Equal("MosaicSmsOtpOptions.EventsType is AppEvents, which is not registered: add services.AddScoped<AppEvents>() (or AddSingleton).", Assert.Single(unregistered.Failures));
        Assert.Equal("MosaicSmsOtpOptions.EventsType is RemoteAuthenticationEvents, which does not derive from MosaicSmsOtpEvents: derive your events class from it.", Assert.Single(wrongType.Failures));
    }

    [Fact]
    public async Task Null_token_validation_parameters_are_refused()
    {
        var error = await StartAsync(Registered(o => { Valid(o); o.TokenValidationParameters = null!; }));

        Assert.StartsWith("MosaicSmsOtpOptions.TokenValidationParameters must not be null", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correct_registration_from_configuration_alone_starts()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Section + "ClientId"] = "id",
            [Section + "ClientSecret"] = "secret",
            [Section + "Region"] = "eu",
            [Section + "FlowCookie:SecurePolicy"] = "SameAsRequest",
        });
        Registered(_ => { })(builder.Services);
        await using var app = builder.Build();

        await app.StartAsync();

        var options = app.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme);
        Assert.Equal(MosaicRegion.EU, options.Region);
        Assert.Equal(CookieSecurePolicy.SameAsRequest, options.FlowCookie.SecurePolicy);
        Assert.Equal(CookieAuthenticationDefaults.AuthenticationScheme, options.SignInScheme);
    }

    private static void Valid(MosaicSmsOtpOptions options)
    {
        options.ClientId = "id";
        options.ClientSecret = "secret";
    }

    /// <summary>The README's registration, with the given options.</summary>
    private static Action<IServiceCollection> Registered(Action<MosaicSmsOtpOptions> configure) => services => services
        .AddAuthentication(o =>
        {
            o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.DefaultChallengeScheme = MosaicSmsOtpDefaults.AuthenticationScheme;
        })
        .AddCookie()
        .AddMosaicSmsOtp(configure);

    private static async Task<OptionsValidationException> StartAsync(Action<IServiceCollection> register, Dictionary<string, string?>? configuration = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }

        register(builder.Services);
        await using var app = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
    }

    private sealed class AppEvents : MosaicSmsOtpEvents;

    /// <summary>A scheme that authenticates but has no session to sign into (like JWT bearer).</summary>
    private sealed class HeaderOnlyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, Microsoft.Extensions.Logging.ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
