using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Mosaic;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Diagnostics;

/// <summary>
/// Whether a scheme can sign people in: Mosaic's discovery document and signing keys can be fetched, Mosaic issues the
/// app a client token (so sends and validations can be authorised), and the throttle store answers. All three are
/// checked on every run, and the answer names each part (<see cref="HealthCheckResult.Data"/>). The discovery document
/// and the client token come from their caches, so a probe does not add calls to Mosaic while they are fresh.
/// </summary>
internal sealed class MosaicSmsOtpHealthCheck(IOptionsMonitor<MosaicSmsOtpOptions> optionsMonitor, MosaicClientTokenCache clientTokens, ISmsOtpThrottleStore throttleStore, string scheme) : IHealthCheck
{
    /// <summary>A key nothing writes: reading it proves the store answers without changing any count.</summary>
    internal const string ProbeKey = "health-probe";

    public const string Discovery = "discovery";
    public const string ClientToken = "client_token";
    public const string ThrottleStore = "throttle_store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var options = optionsMonitor.Get(scheme);
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();
        Exception? first = null;

        await ProbeAsync(Discovery, async () =>
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            return configuration.SigningKeys.Count > 0 ? null : "Mosaic's JWKS lists no signing keys.";
        }, "Mosaic's discovery document or JWKS could not be fetched").ConfigureAwait(false);
        await ProbeAsync(ClientToken, async () =>
        {
            await clientTokens.GetTokenAsync(options, cancellationToken).ConfigureAwait(false);
            return null;
        }, "Mosaic issued no client token (check ClientId and ClientSecret)").ConfigureAwait(false);
        await ProbeAsync(ThrottleStore, async () =>
        {
            await throttleStore.ReadAsync(cancellationToken, ProbeKey).ConfigureAwait(false);
            return null;
        }, "The throttle store failed (every send and code is refused while it does)").ConfigureAwait(false);

        return problems.Count == 0
            ? HealthCheckResult.Healthy($"Scheme '{scheme}': Mosaic and the throttle store answer.", data)
            : new HealthCheckResult(context.Registration.FailureStatus, $"Scheme '{scheme}': " + string.Join(" ", problems), first, data);

        async Task ProbeAsync(string part, Func<Task<string?>> probe, string failed)
        {
            try
            {
                var problem = await probe().ConfigureAwait(false);
                data[part] = problem is null ? "ok" : "failed";
                if (problem is not null)
                {
                    problems.Add(problem);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The exception's type and message only: Mosaic's and IdentityModel's messages carry no secrets.
                data[part] = "failed";
                problems.Add($"{failed}: {ex.Message}");
                first ??= ex;
            }
        }
    }
}
