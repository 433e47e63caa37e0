using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Docs.Tests.Snippets;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Docs.Tests;

/// <summary>Runs each registration snippet: the app builds, and the registration did what the docs say.</summary>
public sealed class RegistrationSnippetsTests
{
    [Fact]
    public async Task Readme_quick_start_registration_runs_as_the_minimal_api_sample()
    {
        await using var factory = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>();

        var schemes = await factory.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();

        Assert.Contains(schemes, s => s.Name == MosaicSmsOtpDefaults.AuthenticationScheme);
        Assert.Equal("...", factory.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme).ClientId);
    }

    [Fact]
    public void Configuration_registration_binds_the_scheme_section()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Authentication:Schemes:MosaicSmsOtp:ClientId"] = "from-config";
        builder.Configuration["Authentication:Schemes:MosaicSmsOtp:ClientSecret"] = "secret";
        RegistrationSnippets.FromConfiguration(builder);
        using var app = builder.Build();

        Assert.Equal("from-config", app.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme).ClientId);
    }

    [Fact]
    public void Backchannel_registration_gives_the_named_client_a_proxy()
    {
        var builder = WebApplication.CreateBuilder();
        RegistrationSnippets.Proxy(builder);
        using var app = builder.Build();

        var options = app.Services.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(MosaicSmsOtpDefaults.BackchannelHttpClientName);

        Assert.NotEmpty(options.HttpMessageHandlerBuilderActions);
    }

    [Fact]
    public void Branding_registration_sets_the_pages_options_and_passes_start_up_validation()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Authentication:Schemes:MosaicSmsOtp:ClientId"] = "from-config";
        builder.Configuration["Authentication:Schemes:MosaicSmsOtp:ClientSecret"] = "secret";
        RegistrationSnippets.Branding(builder);
        using var app = builder.Build();

        var options = app.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme);

        Assert.Equal("Contoso", options.Pages.DisplayName);
        Assert.Equal(typeof(SignInLayout), options.Pages.Layout);
        Assert.Equal("#6d28d9", options.Pages.CssVariables["--smsotp-accent"]);
    }

    [Fact]
    public void Redis_registration_replaces_the_throttle_store()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:Redis"] = "127.0.0.1:1,abortConnect=false";
        RegistrationSnippets.Redis(builder);

        Assert.Contains(builder.Services, d => d.ServiceType == typeof(ISmsOtpThrottleStore));
    }

    [Fact]
    public async Task Blazor_registration_challenges_with_sms_and_signs_in_with_the_cookie()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Authentication:Schemes:MosaicSmsOtp:ClientId"] = "from-config";
        builder.Configuration["Authentication:Schemes:MosaicSmsOtp:ClientSecret"] = "secret";
        RegistrationSnippets.Blazor(builder);
        using var app = builder.Build();

        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Equal(MosaicSmsOtpDefaults.AuthenticationScheme, (await schemes.GetDefaultChallengeSchemeAsync())?.Name);
        Assert.Equal(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme, (await schemes.GetDefaultAuthenticateSchemeAsync())?.Name);
        Assert.Contains(builder.Services, d => d.ServiceType.Name.StartsWith("ICascadingValueSupplier", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Embedded_emulator_lines_serve_the_emulator_and_the_dev_sms_page_in_development_with_no_tenant()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration[SmsOtp.AspNetCore.Testing.MosaicEmulatorEmbeddedDefaults.EmulatorBaseUrlKey] = "http://localhost/mosaic";
        RegistrationSnippets.Blazor(builder);

        await using var app = RegistrationSnippets.EmbeddedEmulator(builder);
        await app.StartAsync();
        using var http = app.GetTestServer().CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri("/dev/sms", UriKind.Relative))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri("/mosaic/cis/oidc/.well-known/openid-configuration", UriKind.Relative))).StatusCode);
        Assert.Equal(SmsOtp.AspNetCore.Testing.MosaicEmulatorDefaults.ClientId, app.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme).ClientId);
    }

    [Fact]
    public void Health_check_registration_adds_the_mosaic_check_and_maps_the_endpoint()
    {
        var builder = WebApplication.CreateBuilder();
        var host = WebApplication.CreateBuilder();
        host.Services.AddHealthChecks();
        using var app = host.Build();

        RegistrationSnippets.HealthCheck(builder, app);

        var checks = builder.Services.BuildServiceProvider().GetRequiredService<IOptions<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Contains(checks, r => r.Name == "mosaic-sms-otp");
        Assert.Contains(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints), e => e is RouteEndpoint { RoutePattern.RawText: "/healthz" });
    }
}
