using System.Collections.Frozen;
using System.Globalization;
using K = SmsOtp.AspNetCore.Text.SmsOtpMessageKeys;

namespace SmsOtp.AspNetCore.Text;

/// <summary>
/// Turns a <see cref="SmsOtpMessage"/> into the text a person reads. The one place the handler's words come from: the
/// lookup (<see cref="Lookup"/>) is the seam a localizer replaces; the rest (waits in words, formatting) stays.
/// </summary>
internal sealed class SmsOtpMessageResolver
{
    private readonly FrozenDictionary<string, string> _texts = SmsOtpMessages.English;

    /// <summary>The resolver of the built-in English text.</summary>
    public static readonly SmsOtpMessageResolver Default = new();

    public string this[SmsOtpMessage message] => Resolve(message);

    public string Resolve(SmsOtpMessage message)
        => message.Wait is { } wait ? Format(Lookup(message.Key), Describe(wait)) : Lookup(message.Key);

    /// <summary>A wait in words, rounded up: "40 seconds", "15 minutes", "21 hours".</summary>
    public string Describe(TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        return seconds switch
        {
            <= 1 => Lookup(K.WaitSecond),
            < 60 => Format(Lookup(K.WaitSeconds), seconds),
            < 120 => Lookup(K.WaitMinute),
            < 2 * 3600 => Format(Lookup(K.WaitMinutes), (int)Math.Ceiling(seconds / 60.0)),
            < 2 * 86400 => Format(Lookup(K.WaitHours), (int)Math.Ceiling(seconds / 3600.0)),
            _ => Format(Lookup(K.WaitDays), (int)Math.Ceiling(seconds / 86400.0)),
        };
    }

    private string Lookup(string key)
        => _texts.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"No text for the message key '{key}'.");

    private static string Format(string template, object argument) => string.Format(CultureInfo.CurrentCulture, template, argument);
}
