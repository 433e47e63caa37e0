namespace SmsOtp.AspNetCore;

/// <summary>
/// Limits on SMS sends and code attempts. Mosaic's own rate limits apply per source IP, which is this server, so these
/// are the only per-number, per-client and global budgets. Hourly limits count in fixed one-hour windows that start
/// with the first event counted.
/// </summary>
public sealed class MosaicSmsOtpThrottlingOptions
{
    /// <summary>
    /// Gets or sets the least time between two codes sent to the same number. The default is 60 seconds;
    /// <see cref="TimeSpan.Zero"/> turns the cooldown off.
    /// </summary>
    public TimeSpan ResendCooldown { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how many codes one number may receive per hour. The default is 5.</summary>
    public int MaxSendsPerNumberPerHour { get; set; } = 5;

    /// <summary>
    /// Gets or sets how many codes one client may request per hour, whatever the numbers. Clients are told apart by IPv4
    /// address or IPv6 /64 network; requests whose client IP is unknown share one budget. The default is 20.
    /// Behind a reverse proxy, configure forwarded headers with known proxies, or every client shares the proxy's budget.
    /// </summary>
    public int MaxSendsPerClientIpPerHour { get; set; } = 20;

    /// <summary>
    /// Gets or sets how many codes the application sends per hour in total: a circuit breaker against SMS pumping.
    /// When it trips, every send is refused until the hour ends. The default is 1000.
    /// </summary>
    public int MaxSendsPerHour { get; set; } = 1000;

    /// <summary>
    /// Gets or sets how many codes may be checked for one flow (one sent code). After that even the right code is refused
    /// and the user must request a new one. The default is 5.
    /// </summary>
    public int MaxAttemptsPerFlow { get; set; } = 5;

    /// <summary>
    /// Gets or sets how many wrong codes one number may have per hour across all its flows, so that requesting new codes
    /// does not reset the count. The default is 10.
    /// </summary>
    public int MaxAttemptsPerNumberPerHour { get; set; } = 10;

    /// <summary>
    /// Gets or sets how many wrong codes in a row one number may have before code checks (and sends) for it stop until
    /// <see cref="ConsecutiveFailureWindow"/> has passed since the first of them; a correct code clears the count. NIST SP
    /// 800-63B §5.2.2 allows at most 100; the hourly limit alone would allow more over a long attack. The default is 100.
    /// </summary>
    public int MaxConsecutiveFailuresPerNumber { get; set; } = 100;

    /// <summary>
    /// Gets or sets how long a run of wrong codes counts toward <see cref="MaxConsecutiveFailuresPerNumber"/>, from its
    /// first failure. It bounds how long someone who knows a number can lock its owner out (the lockout is temporary);
    /// longer is stricter. Between 1 hour and 30 days. The default is 24 hours.
    /// </summary>
    public TimeSpan ConsecutiveFailureWindow { get; set; } = TimeSpan.FromHours(24);
}
