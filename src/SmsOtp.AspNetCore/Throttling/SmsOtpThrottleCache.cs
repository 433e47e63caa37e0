using System.Runtime.CompilerServices;

namespace SmsOtp.AspNetCore.Throttling;

/// <summary>
/// The one <see cref="SmsOtpThrottle"/> of each scheme's options (a singleton): the handler is created per request, its
/// throttle is not. Options that are reloaded are a new instance and get a new throttle; the old one goes with them.
/// </summary>
internal sealed class SmsOtpThrottleCache(ISmsOtpThrottleStore store)
{
    private readonly ConditionalWeakTable<MosaicSmsOtpOptions, SmsOtpThrottle> _throttles = [];

    /// <summary>Gets the store every throttle counts in.</summary>
    public ISmsOtpThrottleStore Store => store;

    /// <summary>The throttle of <paramref name="options"/>.</summary>
    public SmsOtpThrottle For(MosaicSmsOtpOptions options) =>
        _throttles.GetValue(options, o => new SmsOtpThrottle(store, o.Throttling, o.Clock));
}
