using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace SmsOtp.AspNetCore.Aspire.Hosting.Tests;

/// <summary>
/// What <c>AddMosaicEmulator</c> and <c>WithReference</c> put into the app model (issue #11 item 5), read back through
/// the annotations and evaluated with the callbacks' own contexts, as the orchestrator would before it starts anything.
/// </summary>
public sealed class MosaicEmulatorResourceTests
{
    [Fact]
    public void AddMosaicEmulator_runs_the_shipped_emulator_app_with_dotnet()
    {
        var builder = DistributedApplication.CreateBuilder();

        var mosaic = builder.AddMosaicEmulator("mosaic").Resource;

        Assert.Equal("mosaic", mosaic.Name);
        Assert.EndsWith("dotnet", Path.GetFileNameWithoutExtension(mosaic.Command), StringComparison.Ordinal);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "mosaic-emulator"), mosaic.WorkingDirectory);
        Assert.True(File.Exists(Path.Combine(mosaic.WorkingDirectory, "SmsOtp.AspNetCore.Emulator.dll")), "the emulator's app is copied next to the AppHost");
        Assert.True(File.Exists(Path.Combine(mosaic.WorkingDirectory, "SmsOtp.AspNetCore.Emulator.runtimeconfig.json")));
        Assert.Contains(mosaic, builder.Resources);
    }

    [Fact]
    public async Task The_emulator_has_an_http_endpoint_whose_port_it_reads_from_MOSAIC_EMULATOR_PORT()
    {
        var builder = DistributedApplication.CreateBuilder();

        var mosaic = builder.AddMosaicEmulator("mosaic", port: 5099).Resource;

        var endpoint = Assert.Single(mosaic.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal("http", endpoint.Name);
        Assert.Equal("http", endpoint.UriScheme);
        Assert.Equal(5099, endpoint.Port);
        var port = Assert.IsType<EndpointReferenceExpression>((await EnvironmentAsync(mosaic))["MOSAIC_EMULATOR_PORT"]);
        Assert.Equal(EndpointProperty.TargetPort, port.Property);
        Assert.Equal("http", port.Endpoint.EndpointName);
    }

    [Fact]
    public async Task The_emulator_gets_its_app_and_the_configured_clients_users_test_numbers_and_OTP_policy_as_arguments()
    {
        var builder = DistributedApplication.CreateBuilder();

        var mosaic = builder.AddMosaicEmulator("mosaic")
            .WithClient("web-client", "web-secret")
            .WithUser("+16175550100")
            .WithUser("+16175550101", "user-b")
            .WithTestNumber("+15555550123", "123456")
            .WithOtpPolicy(codeLength: 8, expiresIn: TimeSpan.FromMinutes(2), maxFailures: 5, lockout: TimeSpan.FromSeconds(30))
            .WithIssuer("https://issuer.example")
            .Resource;

        var arguments = await ArgumentsAsync(mosaic);
        Assert.Equal(
            [
                Path.Combine(mosaic.WorkingDirectory, "SmsOtp.AspNetCore.Emulator.dll"),
                "--client", "web-client:web-secret",
                "--user", "+16175550100",
                "--user", "+16175550101=user-b",
                "--test-number", "+15555550123=123456",
                "--code-length", "8",
                "--expires-in", "120",
                "--issuer", "https://issuer.example",
                "--lockout", "30",
                "--max-failures", "5",
            ],
            arguments);
    }

    [Fact]
    public async Task Without_clients_the_emulator_starts_with_only_its_app_and_references_get_its_default_client()
    {
        var builder = DistributedApplication.CreateBuilder();
        var mosaic = builder.AddMosaicEmulator("mosaic");
        var web = builder.AddExecutable("web", "dotnet", ".").WithReference(mosaic);

        var arguments = await ArgumentsAsync(mosaic.Resource);
        var environment = await EnvironmentAsync(web.Resource);

        Assert.Single(arguments);
        Assert.Equal("emulator-client-id", environment["Authentication__Schemes__MosaicSmsOtp__ClientId"]);
        Assert.Equal("emulator-client-secret", environment["Authentication__Schemes__MosaicSmsOtp__ClientSecret"]);
    }

    [Fact]
    public async Task WithReference_points_the_apps_MosaicSmsOtp_scheme_at_the_emulators_endpoint_and_first_client()
    {
        var builder = DistributedApplication.CreateBuilder();
        var mosaic = builder.AddMosaicEmulator("mosaic").WithClient("web-client", "web-secret").WithClient("other", "other-secret");

        var web = builder.AddExecutable("web", "dotnet", ".").WithReference(mosaic);

        var environment = await EnvironmentAsync(web.Resource);
        var baseUrl = Assert.IsType<EndpointReference>(environment["Authentication__Schemes__MosaicSmsOtp__BaseUrl"]);
        Assert.Same(mosaic.Resource, baseUrl.Resource);
        Assert.Equal("http", baseUrl.EndpointName);
        Assert.Equal("web-client", environment["Authentication__Schemes__MosaicSmsOtp__ClientId"]);
        Assert.Equal("web-secret", environment["Authentication__Schemes__MosaicSmsOtp__ClientSecret"]);
        Assert.Equal("false", environment["Authentication__Schemes__MosaicSmsOtp__RequireHttpsMetadata"]);
        Assert.False(environment.ContainsKey("Authentication__Schemes__MosaicSmsOtp__Issuer"), "the issuer comes from discovery unless the emulator was given one");
        var relationship = Assert.Single(web.Resource.Annotations.OfType<ResourceRelationshipAnnotation>());
        Assert.Same(mosaic.Resource, relationship.Resource);
    }

    [Fact]
    public async Task WithReference_configures_a_scheme_of_another_name_and_the_issuer_the_emulator_was_given()
    {
        var builder = DistributedApplication.CreateBuilder();
        var mosaic = builder.AddMosaicEmulator("mosaic").WithIssuer("https://issuer.example");

        var web = builder.AddExecutable("web", "dotnet", ".").WithReference(mosaic, scheme: "Staff");

        var environment = await EnvironmentAsync(web.Resource);
        Assert.IsType<EndpointReference>(environment["Authentication__Schemes__Staff__BaseUrl"]);
        Assert.Equal("emulator-client-id", environment["Authentication__Schemes__Staff__ClientId"]);
        Assert.Equal("https://issuer.example", environment["Authentication__Schemes__Staff__Issuer"]);
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("Authentication__Schemes__MosaicSmsOtp__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_inbox_is_a_dashboard_link_and_the_health_check_probes_healthz()
    {
        var builder = DistributedApplication.CreateBuilder();

        var mosaic = builder.AddMosaicEmulator("mosaic").Resource;

        var url = new ResourceUrlAnnotation { Url = "http://localhost:5099/", Endpoint = mosaic.HttpEndpoint };
        foreach (var callback in mosaic.Annotations.OfType<ResourceUrlsCallbackAnnotation>())
        {
            // The callback renames the endpoint's URL; it only reads the context's Urls.
            var context = new ResourceUrlsCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), mosaic, [url]);
            await callback.Callback(context);
        }

        Assert.Equal("SMS inbox", url.DisplayText);
        var health = Assert.Single(mosaic.Annotations.OfType<HealthCheckAnnotation>());
        Assert.Contains("mosaic", health.Key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("with:colon")]
    [InlineData("with,comma")]
    public void WithClient_refuses_an_id_the_command_line_cannot_carry(string clientId)
    {
        var builder = DistributedApplication.CreateBuilder();
        var mosaic = builder.AddMosaicEmulator("mosaic");

        var exception = Assert.Throws<ArgumentException>(() => mosaic.WithClient(clientId, "secret"));
        Assert.Equal("clientId", exception.ParamName);
    }

    private static async Task<List<object>> ArgumentsAsync(IResource resource)
    {
        var arguments = new List<object>();
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(new CommandLineArgsCallbackContext(arguments, resource, CancellationToken.None));
        }

        return arguments;
    }

    private static async Task<Dictionary<string, object>> EnvironmentAsync(IResource resource)
    {
        var environment = new Dictionary<string, object>(StringComparer.Ordinal);
        var execution = new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(new EnvironmentCallbackContext(execution, resource, environment, CancellationToken.None));
        }

        return environment;
    }
}
