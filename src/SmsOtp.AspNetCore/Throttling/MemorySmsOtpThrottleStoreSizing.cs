using Microsoft.Extensions.Options;

namespace SmsOtp.AspNetCore.Throttling;

/// <summary>
/// Sizes the in-memory store from each scheme's validated options, and refuses at start-up options that would need more
/// than it may hold (checklist B-43). Does nothing when the app uses another store.
/// </summary>
internal sealed class MemorySmsOtpThrottleStoreSizing(ISmsOtpThrottleStore store) : IValidateOptions<MosaicSmsOtpOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MosaicSmsOtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (store is not MemorySmsOtpThrottleStore memory || options.Throttling is not { } throttling || options.CodePolicy is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var needed = MemorySmsOtpThrottleStore.RecordsNeeded(throttling, options.FlowLifetime, options.CodePolicy);
        if (needed > MemorySmsOtpThrottleStore.MaximumCapacity)
        {
            return ValidateOptionsResult.Fail(
                $"MosaicSmsOtpOptions.Throttling.MaxSendsPerHour ({throttling.MaxSendsPerHour}) with ConsecutiveFailureWindow ({throttling.ConsecutiveFailureWindow}) " +
                $"can keep {needed} throttle records alive, more than the in-memory store's {MemorySmsOtpThrottleStore.MaximumCapacity}: " +
                "lower MaxSendsPerHour or ConsecutiveFailureWindow, or keep the throttles in Redis (AddMosaicSmsOtpRedis).");
        }

        memory.Provision(name ?? string.Empty, needed);
        return ValidateOptionsResult.Success;
    }
}
