namespace SmsOtp.AspNetCore.Throttling;

/// <summary>One limit checked by <see cref="ISmsOtpThrottleStore.ReserveAsync"/>.</summary>
/// <param name="Key">The counter's key.</param>
/// <param name="Limit">How many the counter may reach: the budget is used up once its count is this or more.</param>
/// <param name="Window">How long a counter this budget creates lives; must be positive when <paramref name="Charge"/> is set.</param>
/// <param name="Charge">Whether a reservation that goes ahead adds 1 to the counter, or only checks it.</param>
/// <param name="Restart">
/// Whether the counter starts over: its count is not checked against <paramref name="Limit"/>, and a reservation that goes
/// ahead replaces it, with a new counter of 1 and a new window when <paramref name="Charge"/> is set, with none otherwise.
/// </param>
public readonly record struct SmsOtpThrottleBudget(string Key, long Limit, TimeSpan Window, bool Charge, bool Restart = false);
