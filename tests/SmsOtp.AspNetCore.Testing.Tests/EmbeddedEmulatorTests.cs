using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Testing.Embedded;
using SmsOtp.AspNetCore.Testing.SignIn;
using SmsOtp.AspNetCore.Testing.Tests.Support;

namespace SmsOtp.AspNetCore.Testing.Tests;

/// <summary><c>AddMosaicEmulatorWhenNoTenant</c> / <c>MapMosaicEmulatorWhenNoTenant</c>: the samples' local-development mode.</summary>
public sealed class EmbeddedEmulatorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task No_tenant_configured_embeds_the_emulator_and_points_the_handler_at_it(string? clientId)
    {
        await using var app = await StartAsync(new() { ["Authentication:Schemes:MosaicSmsOtp:ClientId"] = clientId, [MosaicEmulatorEmbeddedDefaults.EmulatorBaseUrlKey] = "http://localhost/mosaic" });

        Assert.True(app.Embedded);
        Assert.True(app.Mapped);
        var options = app.App.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme);
        Assert.Equal(MosaicEmulatorDefaults.ClientId, options.ClientId);
        Assert.Equal(MosaicEmulatorDefaults.ClientSecret, options.ClientSecret);
        Assert.Equal(new Uri("http://localhost/mosaic"), options.BaseUrl);
        Assert.False(options.RequireHttpsMetadata);
        Assert.Equal(CookieSecurePolicy.SameAsRequest, options.FlowCookie.SecurePolicy);
        using var http = app.App.GetTestServer().CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("mosaic/cis/oidc/.well-known/openid-configuration")).StatusCode);
    }

    [Fact]
    public async Task Dev_sms_page_lists_what_the_emulator_sent_newest_first_html_encoded_and_not_cached()
    {
        await using var app = await StartAsync(new() { [MosaicEmulatorEmbeddedDefaults.EmulatorBaseUrlKey] = "http://localhost/mosaic" });
        using var http = app.App.GetTestServer().CreateClient();
        var empty = await http.GetStringAsync("dev/sms");
        var api = new MosaicApi(new HttpClient(app.App.GetTestServer().CreateHandler()) { BaseAddress = new Uri("http://localhost/mosaic/") });
        var token = await api.GetClientTokenAsync();
        (await api.SendAsync(token, "+16175558101")).EnsureSuccessStatusCode();
        (await api.SendAsync(token, "+16175558102")).EnsureSuccessStatusCode();
        var outbox = app.App.Services.GetRequiredService<MosaicEmulatorOutbox>();

        using var response = await http.GetAsync("dev/sms");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("No SMS sent yet.", empty, StringComparison.Ordinal);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var first = html.IndexOf(outbox.GetLatest("+16175558102")!.Code, StringComparison.Ordinal);
        var second = html.IndexOf(outbox.GetLatest("+16175558101")!.Code, StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, "newest first, both listed");
        Assert.Contains("+16175558101", html, StringComparison.Ordinal);
        Assert.Contains("<code class=\"otp\">" + outbox.GetLatest("+16175558102")!.Code + "</code>", html, StringComparison.Ordinal);
        Assert.Contains("code.otp{font-size:1.75rem;", html, StringComparison.Ordinal); // the code larger than the rest of its row
    }

    [Fact]
    public async Task Tenant_configured_changes_nothing_and_there_is_no_dev_sms_page()
    {
        await using var app = await StartAsync(new() { ["Authentication:Schemes:MosaicSmsOtp:ClientId"] = "tenant-client", ["Authentication:Schemes:MosaicSmsOtp:ClientSecret"] = "tenant-secret" });

        Assert.False(app.Embedded);
        Assert.False(app.Mapped);
        Assert.Null(app.App.Services.GetService<MosaicEmulatorOutbox>());
        Assert.Equal("tenant-client", app.App.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme).ClientId);
        using var http = app.App.GetTestServer().CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("dev/sms")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("mosaic/cis/oidc/.well-known/openid-configuration")).StatusCode);
    }

    [Fact]
    public void A_base_url_alone_is_a_mosaic_elsewhere_and_is_not_overridden()
    {
        var builder = Builder(new() { ["Authentication:Schemes:MosaicSmsOtp:BaseUrl"] = "http://127.0.0.1:5005/" });

        Assert.False(builder.AddMosaicEmulatorWhenNoTenant());
        Assert.DoesNotContain(builder.Services, service => service.ServiceType == typeof(MosaicEmulatorOutbox));

        // Nothing that could point the handler elsewhere: the configured BaseUrl is the one the handler binds.
        Assert.DoesNotContain(builder.Services, service => service.ServiceType == typeof(IConfigureOptions<MosaicSmsOtpOptions>));
    }

    [Fact]
    public void A_client_id_without_its_secret_stops_at_start_up_naming_both_keys()
    {
        var builder = Builder(new() { ["Mosaic:ClientId"] = "tenant-client" });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddMosaicEmulatorWhenNoTenant("Mosaic"));

        Assert.Equal("'Mosaic:ClientId' is set but 'Mosaic:ClientSecret' is not. Set both to use a real Mosaic tenant, or neither to use the embedded Mosaic emulator.", error.Message);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void No_tenant_outside_development_stops_at_start_up_instead_of_embedding_the_emulator(string environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddMosaicEmulatorWhenNoTenant());

        Assert.Equal(
            "No Mosaic tenant is configured ('Authentication:Schemes:MosaicSmsOtp:ClientId' is empty), and the embedded Mosaic emulator runs only in the Development environment (it signs in anyone and lists every code). Set 'Authentication:Schemes:MosaicSmsOtp:ClientId' and 'Authentication:Schemes:MosaicSmsOtp:ClientSecret' (or 'Authentication:Schemes:MosaicSmsOtp:BaseUrl'), or run with ASPNETCORE_ENVIRONMENT=Development.",
            error.Message);
        Assert.DoesNotContain(builder.Services, service => service.ServiceType == typeof(MosaicEmulatorOutbox));
    }

    [Fact]
    public void Another_tenant_section_is_read_instead_of_the_handlers_own()
    {
        var real = Builder(new() { ["Mosaic:ClientId"] = "tenant-client", ["Mosaic:ClientSecret"] = "tenant-secret" });
        var embedded = Builder(new() { ["Authentication:Schemes:MosaicSmsOtp:ClientId"] = "ignored", ["Authentication:Schemes:MosaicSmsOtp:ClientSecret"] = "ignored" });

        Assert.False(real.AddMosaicEmulatorWhenNoTenant("Mosaic"));
        Assert.True(embedded.AddMosaicEmulatorWhenNoTenant("Mosaic"));
    }

    [Fact]
    public async Task On_kestrel_the_handler_finds_the_emulator_at_the_apps_own_address_and_the_start_up_warning_names_the_dev_sms_page()
    {
        var collector = new FakeLogCollector();
        var builder = WebApplication.CreateBuilder(Development);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new FakeLoggerProvider(collector));
        AddSignIn(builder);
        Assert.True(builder.AddMosaicEmulatorWhenNoTenant());
        await using var app = builder.Build();
        Assert.True(app.MapMosaicEmulatorWhenNoTenant());
        await app.StartAsync();
        var self = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        var options = app.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme);
        using var http = new HttpClient { BaseAddress = new Uri(self) };
        var devSms = await http.GetAsync(new Uri("/dev/sms", UriKind.Relative));

        Assert.Equal(new Uri(self + "/mosaic"), options.BaseUrl);
        Assert.Equal(HttpStatusCode.OK, devSms.StatusCode);
        var warning = Assert.Single(collector.GetSnapshot(), record => record.Level == LogLevel.Warning && record.Message.StartsWith("Emulator mode:", StringComparison.Ordinal));
        Assert.Equal(
            $"Emulator mode: no Mosaic tenant configured (Authentication:Schemes:MosaicSmsOtp), so the Mosaic emulator runs inside this app and no real SMS is sent. Read the SMS it sends at {self}/dev/sms",
            warning.Message);
    }

    [Theory]
    [InlineData("my-client-id", true)]
    [InlineData(null, false)]
    public async Task A_client_id_set_in_code_that_the_emulator_replaces_is_named_at_start_up(string? inCode, bool warned)
    {
        var collector = new FakeLogCollector();
        await using var app = await StartAsync(
            new() { [MosaicEmulatorEmbeddedDefaults.EmulatorBaseUrlKey] = "http://localhost/mosaic" },
            logs: collector,
            configure: o =>
            {
                o.ClientId = inCode;
                o.ClientSecret = inCode is null ? null : "my-secret";
            });

        Assert.True(app.Embedded && app.Mapped);
        var options = app.App.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme);
        var warnings = collector.GetSnapshot().Where(r => r.Category == "SmsOtp.AspNetCore.Testing.EmbeddedEmulator" && r.Id.Id == 11).ToList();
        Assert.Equal(MosaicEmulatorDefaults.ClientId, options.ClientId);
        Assert.Equal(warned ? 1 : 0, warnings.Count);
        if (warned)
        {
            Assert.Equal(LogLevel.Warning, warnings[0].Level);
            Assert.Contains("the ClientId set in code for scheme MosaicSmsOtp is not used", warnings[0].Message, StringComparison.Ordinal);
            Assert.Contains("Authentication:Schemes:MosaicSmsOtp:ClientId", warnings[0].Message, StringComparison.Ordinal);
            Assert.DoesNotContain("my-client-id", warnings[0].Message, StringComparison.Ordinal);
            Assert.DoesNotContain("my-secret", warnings[0].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Behind_the_templates_https_redirection_the_back_channel_calls_the_https_address_with_the_development_certificate_and_a_sign_in_completes()
    {
        // The templates' https profile: http and https, UseHttpsRedirection, and the development certificate, which
        // this machine does not trust. An http back channel would be redirected and lose its bearer token.
        using var certificate = DevelopmentCertificate();
        var builder = WebApplication.CreateBuilder(Development);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
        });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Authentication:Schemes:MosaicSmsOtp:CreateNewUser"] = "true" });
        AddSignIn(builder);
        builder.Services.AddAuthorization();
        Assert.True(builder.AddMosaicEmulatorWhenNoTenant());
        await using var app = builder.Build();
        app.UseHttpsRedirection();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/secure", (HttpContext context) => "signed in as " + context.User.Identity!.Name).RequireAuthorization();
        Assert.True(app.MapMosaicEmulatorWhenNoTenant());
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var http = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
        var https = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));

        // A browser that has accepted the certificate, starting on the http address as a person would.
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });
        browser.DefaultRequestHeaders.Add("Origin", https.GetLeftPart(UriPartial.Authority));
        var phonePage = await BrowserPage.GetAsync(browser, new Uri(http, "/secure"), CancellationToken.None);
        var phoneForm = phonePage.FindForm("phone_number")!;
        var codePage = await BrowserPage.PostAsync(browser, phoneForm.Action, phoneForm.With("phone_number", "+16175551212"), CancellationToken.None);
        var code = app.Services.GetRequiredService<MosaicEmulatorOutbox>().GetLatest("+16175551212")?.Code;
        var codeForm = codePage.FindForm("passcode");
        Assert.NotNull(code);
        Assert.NotNull(codeForm);
        var landed = await BrowserPage.PostAsync(browser, codeForm.Action, codeForm.With("passcode", code), CancellationToken.None);

        var options = app.Services.GetRequiredService<IOptionsMonitor<MosaicSmsOtpOptions>>().Get(MosaicSmsOtpDefaults.AuthenticationScheme);
        Assert.Equal(new Uri(https, "/mosaic"), options.BaseUrl);
        Assert.Equal(new Uri(https, "/secure"), landed.Url);
        Assert.StartsWith("signed in as ", landed.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1:7120/", true, true)]      // the development certificate on the app's own address
    [InlineData("https://127.0.0.1:7121/", true, false)]     // loopback, but another port: not this app
    [InlineData("https://app.example:7120/", true, false)]   // not loopback: the machine's trust decides
    [InlineData("https://127.0.0.1:7120/", false, false)]    // the app's address, but some other untrusted certificate
    public void The_embedded_back_channel_accepts_an_untrusted_certificate_only_when_it_is_the_development_one_on_the_apps_own_address(string url, bool development, bool accepted)
    {
        var self = new Uri("https://127.0.0.1:7120/");
        using var certificate = development ? DevelopmentCertificate() : SelfSigned(development: false);

        Assert.Equal(accepted, EmbeddedBackchannel.IsTrusted(new Uri(url), self, certificate, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.True(EmbeddedBackchannel.IsTrusted(new Uri(url), self, certificate, System.Net.Security.SslPolicyErrors.None));
    }

    // Like `dotnet dev-certs https` makes it: self-signed, for localhost and 127.0.0.1, with the development marker.
    private static X509Certificate2 DevelopmentCertificate() => SelfSigned(development: true);

    private static X509Certificate2 SelfSigned(bool development)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        if (development)
        {
            request.CertificateExtensions.Add(new X509Extension(new Oid("1.3.6.1.4.1.311.84.1.1"), [2], critical: false));
        }

        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private static void AddSignIn(WebApplicationBuilder builder, Action<MosaicSmsOtpOptions>? configure = null)
    {
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = MosaicSmsOtpDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddMosaicSmsOtp(configure ?? (_ => { }));
    }

    private static readonly WebApplicationOptions Development = new() { EnvironmentName = Environments.Development };

    private static WebApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(Development);
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    private static async Task<StartedApp> StartAsync(
        Dictionary<string, string?> settings,
        string tenantSection = MosaicEmulatorEmbeddedDefaults.TenantSection,
        FakeLogCollector? logs = null,
        Action<MosaicSmsOtpOptions>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(Development);
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        }

        builder.Configuration.AddInMemoryCollection(settings);
        AddSignIn(builder, configure);
        var embedded = builder.AddMosaicEmulatorWhenNoTenant(tenantSection);
        var app = builder.Build();
        var mapped = app.MapMosaicEmulatorWhenNoTenant();
        await app.StartAsync();
        return new StartedApp(app, embedded, mapped);
    }

    private sealed record StartedApp(WebApplication App, bool Embedded, bool Mapped) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
