using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// Adds the Mosaic emulator to an Aspire app model and points apps' SmsOtp.AspNetCore schemes at it.
/// </summary>
public static class MosaicEmulatorResourceBuilderExtensions
{
    /// <summary>The emulator's folder, relative to the AppHost's output: the package copies it there.</summary>
    internal const string EmulatorFolder = "mosaic-emulator";

    internal const string EmulatorAssembly = "SmsOtp.AspNetCore.Emulator.dll";

    /// <summary>
    /// Adds the Mosaic emulator: an HTTP endpoint (Mosaic's API and, at its root, the SMS inbox, shown in the dashboard
    /// as "SMS inbox"), a health check on <c>/healthz</c>, and by default the client
    /// <see cref="MosaicEmulatorResource.DefaultClientId"/>.
    /// </summary>
    /// <param name="builder">The AppHost's builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="port">The port the AppHost exposes it on; null for a free one each run.</param>
    /// <returns>The emulator's resource builder.</returns>
    public static IResourceBuilder<MosaicEmulatorResource> AddMosaicEmulator(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        // The emulator is a framework-dependent app shipped inside this package rather than the mosaic-emulator tool:
        // starting it needs neither a tool install nor a NuGet feed, and its version is always this package's.
        var directory = Path.Combine(AppContext.BaseDirectory, EmulatorFolder);
        var resource = new MosaicEmulatorResource(name, DotnetHost(), directory);
        return builder.AddResource(resource)
            .WithArgs(context =>
            {
                context.Args.Add(Path.Combine(directory, EmulatorAssembly));
                foreach (var argument in EmulatorArguments(resource))
                {
                    context.Args.Add(argument);
                }
            })
            // The emulator listens on 127.0.0.1:$MOSAIC_EMULATOR_PORT; Aspire picks that port and proxies to it.
            .WithHttpEndpoint(port: port, env: "MOSAIC_EMULATOR_PORT", name: MosaicEmulatorResource.HttpEndpointName)
            .WithUrlForEndpoint(MosaicEmulatorResource.HttpEndpointName, url => url.DisplayText = "SMS inbox")
            .WithHttpHealthCheck("/healthz", endpointName: MosaicEmulatorResource.HttpEndpointName);
    }

    /// <summary>Adds a client the emulator accepts; the first one added is the one references get.</summary>
    /// <param name="builder">The emulator.</param>
    /// <param name="clientId">The client id.</param>
    /// <param name="clientSecret">Its secret.</param>
    /// <returns>The emulator.</returns>
    public static IResourceBuilder<MosaicEmulatorResource> WithClient(this IResourceBuilder<MosaicEmulatorResource> builder, string clientId, string clientSecret)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientSecret);
        if (clientId.Contains(':', StringComparison.Ordinal) || clientId.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException("A client id cannot contain ':' or ','.", nameof(clientId));
        }

        builder.Resource.Clients.Add((clientId, clientSecret));
        return builder;
    }

    /// <summary>Adds a user that exists before any sign-up (the emulator sends it codes even with <c>CreateNewUser</c> off).</summary>
    /// <param name="builder">The emulator.</param>
    /// <param name="phoneNumber">The phone number in E.164 (<c>+16175550100</c>).</param>
    /// <param name="userId">Its Mosaic user id; null for <c>user-</c> and the digits.</param>
    /// <returns>The emulator.</returns>
    public static IResourceBuilder<MosaicEmulatorResource> WithUser(this IResourceBuilder<MosaicEmulatorResource> builder, string phoneNumber, string? userId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumber);
        builder.Resource.Users.Add((phoneNumber, userId));
        return builder;
    }

    /// <summary>Adds a test number: it always gets <paramref name="code"/>.</summary>
    /// <param name="builder">The emulator.</param>
    /// <param name="phoneNumber">The phone number in E.164.</param>
    /// <param name="code">The code it gets.</param>
    /// <returns>The emulator.</returns>
    public static IResourceBuilder<MosaicEmulatorResource> WithTestNumber(this IResourceBuilder<MosaicEmulatorResource> builder, string phoneNumber, string code)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        builder.Resource.TestNumbers.Add((phoneNumber, code));
        return builder;
    }

    /// <summary>Sets the OTP policy; a null argument keeps the emulator's default (6 digits, 300 s, 3 failures, 900 s lockout).</summary>
    /// <param name="builder">The emulator.</param>
    /// <param name="codeLength">The code length (4 to 8).</param>
    /// <param name="expiresIn">How long a code is valid.</param>
    /// <param name="maxFailures">Wrong codes before lockout (1 to 20).</param>
    /// <param name="lockout">How long a lockout lasts.</param>
    /// <returns>The emulator.</returns>
    public static IResourceBuilder<MosaicEmulatorResource> WithOtpPolicy(
        this IResourceBuilder<MosaicEmulatorResource> builder, int? codeLength = null, TimeSpan? expiresIn = null, int? maxFailures = null, TimeSpan? lockout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Set(builder.Resource, "--code-length", codeLength);
        Set(builder.Resource, "--expires-in", expiresIn?.TotalSeconds);
        Set(builder.Resource, "--max-failures", maxFailures);
        Set(builder.Resource, "--lockout", lockout?.TotalSeconds);
        return builder;
    }

    /// <summary>Sets the <c>iss</c> of the emulator's tokens and discovery document (default <c>https://userid.security</c>).</summary>
    /// <param name="builder">The emulator.</param>
    /// <param name="issuer">The issuer.</param>
    /// <returns>The emulator.</returns>
    public static IResourceBuilder<MosaicEmulatorResource> WithIssuer(this IResourceBuilder<MosaicEmulatorResource> builder, string issuer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        builder.Resource.Settings["--issuer"] = issuer;
        return builder;
    }

    /// <summary>
    /// Points <paramref name="builder"/>'s SmsOtp.AspNetCore scheme at the emulator through environment variables:
    /// <c>Authentication__Schemes__{scheme}__BaseUrl</c> (the emulator's URL), <c>…__ClientId</c>, <c>…__ClientSecret</c>
    /// (the emulator's first client) and <c>…__RequireHttpsMetadata=false</c> (the emulator serves http).
    /// </summary>
    /// <typeparam name="TDestination">The app's resource type.</typeparam>
    /// <param name="builder">The app.</param>
    /// <param name="emulator">The emulator.</param>
    /// <param name="scheme">The app's scheme name, when it registered <c>AddMosaicSmsOtp("OtherName", …)</c>.</param>
    /// <returns>The app.</returns>
    public static IResourceBuilder<TDestination> WithReference<TDestination>(
        this IResourceBuilder<TDestination> builder, IResourceBuilder<MosaicEmulatorResource> emulator, string scheme = MosaicEmulatorResource.DefaultScheme)
        where TDestination : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);

        var resource = emulator.Resource;
        var prefix = "Authentication__Schemes__" + scheme + "__";
        return builder
            .WithReferenceRelationship(resource)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables[prefix + "BaseUrl"] = resource.HttpEndpoint;
                context.EnvironmentVariables[prefix + "ClientId"] = resource.ClientId;
                context.EnvironmentVariables[prefix + "ClientSecret"] = resource.ClientSecret;
                context.EnvironmentVariables[prefix + "RequireHttpsMetadata"] = "false";
                if (resource.Settings.TryGetValue("--issuer", out var issuer))
                {
                    context.EnvironmentVariables[prefix + "Issuer"] = issuer;
                }
            });
    }

    /// <summary>mosaic-emulator's command-line options for what the resource was configured with.</summary>
    internal static IEnumerable<string> EmulatorArguments(MosaicEmulatorResource resource)
    {
        foreach (var (clientId, clientSecret) in resource.Clients)
        {
            yield return "--client";
            yield return clientId + ":" + clientSecret;
        }

        foreach (var (phoneNumber, userId) in resource.Users)
        {
            yield return "--user";
            yield return userId is null ? phoneNumber : phoneNumber + "=" + userId;
        }

        foreach (var (phoneNumber, code) in resource.TestNumbers)
        {
            yield return "--test-number";
            yield return phoneNumber + "=" + code;
        }

        foreach (var (option, value) in resource.Settings.OrderBy(setting => setting.Key, StringComparer.Ordinal))
        {
            yield return option;
            yield return value;
        }
    }

    private static void Set(MosaicEmulatorResource resource, string option, double? value)
    {
        if (value is { } number)
        {
            resource.Settings[option] = number.ToString(CultureInfo.InvariantCulture);
        }
    }

    // The dotnet host that runs the AppHost when it is one (dotnet run/test set DOTNET_HOST_PATH), else dotnet on PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
