namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// An SMS the emulator "delivered", or a send it did not deliver (<see cref="NotDeliveredReason"/> says why).
/// </summary>
/// <param name="PhoneNumber">The E.164 number it was sent to.</param>
/// <param name="Text">The full message text; for an undelivered send, <c>not delivered: </c> and the reason.</param>
/// <param name="SenderId">The <c>sender_id</c> of the send request, if any.</param>
/// <param name="Code">The one-time passcode it carries; empty for an undelivered send.</param>
/// <param name="SentAt">When it was sent, by the emulator's <see cref="TimeProvider"/>.</param>
public sealed record MosaicEmulatorSms(string PhoneNumber, string Text, string? SenderId, string Code, DateTimeOffset SentAt)
{
    /// <summary>Why the emulator did not deliver this send (unknown user, injected fault, refused request), or <see langword="null"/> when it did.</summary>
    public string? NotDeliveredReason { get; init; }

    /// <summary>Whether the SMS reached the phone, i.e. <see cref="NotDeliveredReason"/> is <see langword="null"/>.</summary>
    public bool Delivered => NotDeliveredReason is null;

    internal static MosaicEmulatorSms NotDelivered(string phoneNumber, string reason, DateTimeOffset at) =>
        new(phoneNumber, "not delivered: " + reason, null, string.Empty, at) { NotDeliveredReason = reason };
}
