namespace SmsOtp.AspNetCore.Text;

/// <summary>
/// A sentence the handler shows a person, by key (<see cref="SmsOtpMessageKeys"/>), with the wait it mentions if any.
/// <see cref="SmsOtpMessageResolver"/> turns it into text at the last moment, so that the text can come from elsewhere
/// (a localizer) without the handler knowing.
/// </summary>
/// <param name="Key">One of <see cref="SmsOtpMessageKeys"/>.</param>
/// <param name="Wait">The wait the sentence names (<c>{0}</c> in its text), or <see langword="null"/>.</param>
internal readonly record struct SmsOtpMessage(string Key, TimeSpan? Wait = null)
{
    public static implicit operator SmsOtpMessage(string key) => new(key);
}
