using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Localization;
using K = SmsOtp.AspNetCore.Text.SmsOtpMessageKeys;

namespace SmsOtp.AspNetCore.Text;

/// <summary>
/// Turns a <see cref="SmsOtpMessage"/> into the text a person reads, through the pages' <see cref="IStringLocalizer"/>
/// (the package's resx, overridden by the app's) in the request's UI culture. Waits in words are localized too.
/// </summary>
internal sealed class SmsOtpMessageResolver(IStringLocalizer strings)
{
    /// <summary>The resolver of the package's own strings, in the current UI culture (for tests and tools).</summary>
    public static readonly SmsOtpMessageResolver Default = new(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(SmsOtpStrings)));

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
        => strings[key] is { ResourceNotFound: false } found ? found.Value : throw new KeyNotFoundException($"No text for the message key '{key}'.");

    private static string Format(string template, object argument) => string.Format(CultureInfo.CurrentCulture, template, argument);
}
