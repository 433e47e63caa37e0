namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// Thrown by <see cref="MosaicEmulatorOutbox.WaitForMessageAsync"/> when the emulator recorded a send to the number but
/// did not deliver it, so the test fails at once with the reason instead of waiting for an SMS that will never come.
/// </summary>
public sealed class MosaicEmulatorSmsNotDeliveredException : Exception
{
    /// <summary>Creates the exception for an undelivered send.</summary>
    /// <param name="attempt">The undelivered send.</param>
    public MosaicEmulatorSmsNotDeliveredException(MosaicEmulatorSms attempt)
        : base("The Mosaic emulator did not deliver an SMS to " + attempt?.PhoneNumber + ": " + attempt?.NotDeliveredReason)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        Attempt = attempt;
    }

    /// <summary>The undelivered send, with <see cref="MosaicEmulatorSms.NotDeliveredReason"/>.</summary>
    public MosaicEmulatorSms Attempt { get; }

    /// <summary>Why it was not delivered.</summary>
    public string Reason => Attempt.NotDeliveredReason ?? string.Empty;
}
