namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// An SMS the emulator "delivered".
/// </summary>
/// <param name="PhoneNumber">The E.164 number it was sent to.</param>
/// <param name="Text">The full message text.</param>
/// <param name="SenderId">The <c>sender_id</c> of the send request, if any.</param>
/// <param name="Code">The one-time passcode it carries.</param>
/// <param name="SentAt">When it was sent, by the emulator's <see cref="TimeProvider"/>.</param>
public sealed record MosaicEmulatorSms(string PhoneNumber, string Text, string? SenderId, string Code, DateTimeOffset SentAt);
