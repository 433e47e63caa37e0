using System.Diagnostics;
using System.Diagnostics.Metrics;
using SmsOtp.AspNetCore.Phone;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Diagnostics;

/// <summary>
/// The package's metrics (meter <c>SmsOtp.AspNetCore</c>, versioned with the package): the sign-in funnel (codes sent →
/// codes validated → sign-ins), what throttles refuse, and how Mosaic answers. Tags follow OpenTelemetry's conventions
/// and the platform's <c>aspnetcore.authentication.*</c> metrics (<see cref="MosaicSmsOtpTags"/>); a number appears only
/// as its country calling code. Listed in docs/diagnostics.md.
/// </summary>
internal sealed class MosaicSmsOtpMetrics
{
    public const string MeterName = MosaicSmsOtpDefaults.DiagnosticsName;

    private readonly Counter<long> _codesSent;
    private readonly Counter<long> _codeValidations;
    private readonly Histogram<double> _timeToValidate;
    private readonly Counter<long> _signIns;
    private readonly Counter<long> _throttled;
    private readonly Histogram<double> _mosaicDuration;

    public MosaicSmsOtpMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(new MeterOptions(MeterName) { Version = MosaicSmsOtpDiagnosticsVersion.Value });
        _codesSent = meter.CreateCounter<long>("smsotp.codes.sent", "{code}", "SMS codes Mosaic accepted to send (unknown numbers included: they look the same), by resend.");
        _codeValidations = meter.CreateCounter<long>("smsotp.code.validations", "{validation}", "Codes checked with Mosaic, by result and error.type.");
        _timeToValidate = meter.CreateHistogram<double>("smsotp.code.validation.time", "s", "Time from the sign-in's first code to an accepted code.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600] });
        _signIns = meter.CreateCounter<long>("smsotp.sign_ins", "{sign_in}", "Callbacks handled, by result and error.type.");
        _throttled = meter.CreateCounter<long>("smsotp.throttled", "{request}", "Requests refused by a throttle, by reason.");
        _mosaicDuration = meter.CreateHistogram<double>("smsotp.mosaic.request.duration", "s", "Duration of calls to Mosaic, by operation and result.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public void CodeSent(string scheme, string phoneNumber, bool isResend)
        => _codesSent.Add(1, new TagList { { MosaicSmsOtpTags.Scheme, scheme }, { MosaicSmsOtpTags.CountryCode, CountryCallingCode.TagOf(phoneNumber) }, { MosaicSmsOtpTags.Resend, isResend } });

    /// <summary>A code Mosaic accepted (<paramref name="failure"/> null, with the time since the first code) or refused.</summary>
    public void CodeValidated(string scheme, string phoneNumber, CodeValidationFailure? failure, TimeSpan sinceFirstCode)
    {
        var tags = new TagList { { MosaicSmsOtpTags.Scheme, scheme }, { MosaicSmsOtpTags.CountryCode, CountryCallingCode.TagOf(phoneNumber) } };
        if (failure is { } refused)
        {
            tags.Add(MosaicSmsOtpTags.Result, MosaicSmsOtpTags.Failure);
            tags.Add(MosaicSmsOtpTags.ErrorType, ErrorTypeOf(refused));
            _codeValidations.Add(1, tags);
            return;
        }

        tags.Add(MosaicSmsOtpTags.Result, MosaicSmsOtpTags.Success);
        _codeValidations.Add(1, tags);
        _timeToValidate.Record(Math.Max(0, sinceFirstCode.TotalSeconds), new TagList { { MosaicSmsOtpTags.Scheme, scheme }, { MosaicSmsOtpTags.CountryCode, CountryCallingCode.TagOf(phoneNumber) } });
    }

    /// <summary>A callback handled: a sign-in (<paramref name="errorType"/> null) or why not.</summary>
    public void SignIn(string scheme, string? phoneNumber, string? errorType)
    {
        var tags = new TagList
        {
            { MosaicSmsOtpTags.Scheme, scheme },
            { MosaicSmsOtpTags.CountryCode, CountryCallingCode.TagOf(phoneNumber) },
            { MosaicSmsOtpTags.Result, errorType is null ? MosaicSmsOtpTags.Success : MosaicSmsOtpTags.Failure },
        };
        if (errorType is not null)
        {
            tags.Add(MosaicSmsOtpTags.ErrorType, errorType);
        }

        _signIns.Add(1, tags);
    }

    public void Throttled(string scheme, string phoneNumber, SmsOtpThrottleReason reason)
        => _throttled.Add(1, new TagList { { MosaicSmsOtpTags.Scheme, scheme }, { MosaicSmsOtpTags.CountryCode, CountryCallingCode.TagOf(phoneNumber) }, { MosaicSmsOtpTags.ThrottleReason, ReasonOf(reason) } });

    /// <summary>A call to Mosaic: <paramref name="errorType"/> is set when it failed (no answer, or one the client could not use).</summary>
    public void MosaicCall(string operation, string result, string? errorType, TimeSpan elapsed)
    {
        var tags = new TagList { { MosaicSmsOtpTags.MosaicOperation, operation }, { MosaicSmsOtpTags.MosaicResult, result } };
        if (errorType is not null)
        {
            tags.Add(MosaicSmsOtpTags.ErrorType, errorType);
        }

        _mosaicDuration.Record(elapsed.TotalSeconds, tags);
    }

    public static string ErrorTypeOf(CodeValidationFailure failure) => failure switch
    {
        CodeValidationFailure.ExpiredCode => "expired_code",
        CodeValidationFailure.Locked => "locked",
        _ => "invalid_code",
    };

    public static string ReasonOf(SmsOtpThrottleReason reason) => reason switch
    {
        SmsOtpThrottleReason.ResendCooldown => "resend_cooldown",
        SmsOtpThrottleReason.NumberHourlyLimit => "number_hourly_limit",
        SmsOtpThrottleReason.ClientIpHourlyLimit => "client_ip_hourly_limit",
        SmsOtpThrottleReason.GlobalHourlyBudget => "global_hourly_budget",
        SmsOtpThrottleReason.TooManyAttempts => "too_many_attempts",
        _ => "none",
    };
}
