namespace SmsOtp.AspNetCore.Throttling;

/// <summary>
/// Stores the expiring counters that limit SMS sends and code attempts. The default store keeps them in memory, which
/// suits a single instance; several instances must share one store (for example Redis) or each will apply the limits
/// separately.
/// </summary>
/// <remarks>
/// Keys never contain a phone number, IP address or flow id in clear; they are short ASCII strings. Every operation must
/// be safe to call concurrently, and <see cref="IncrementAsync"/> must be atomic: with Redis, <c>INCR</c> followed by
/// <c>PEXPIRE</c> only when the result is 1, in one Lua script.
/// </remarks>
public interface ISmsOtpThrottleStore
{
    /// <summary>
    /// Atomically adds 1 to the counter at <paramref name="key"/>, creating it with <paramref name="window"/> as its time
    /// to live when it is absent or expired, and returns the new count and when the counter resets. Incrementing an
    /// existing counter does not extend its time to live.
    /// </summary>
    /// <param name="key">The counter's key.</param>
    /// <param name="window">How long a new counter lives; must be positive.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The count after this increment, and when the counter resets.</returns>
    ValueTask<SmsOtpThrottleCounter> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Reads the counter at <paramref name="key"/> without changing it.</summary>
    /// <param name="key">The counter's key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The counter, or <see langword="null"/> when it is absent or expired.</returns>
    ValueTask<SmsOtpThrottleCounter?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the counter at <paramref name="key"/>; does nothing when it is absent.</summary>
    /// <param name="key">The counter's key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the counter is gone.</returns>
    ValueTask RemoveAsync(string key, CancellationToken cancellationToken);
}
