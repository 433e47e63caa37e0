using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SmsOtp.AspNetCore.Diagnostics;

/// <summary>
/// The package's metrics (meter <c>SmsOtp.AspNetCore</c>): what the SMS budget is spent on and how sign-ins end.
/// </summary>
internal sealed class MosaicSmsOtpMetrics
{
    public const string MeterName = MosaicSmsOtpDefaults.DiagnosticsName;

    private readonly Counter<long> _codesSent;
    private readonly Counter<long> _codeValidations;
    private readonly Counter<long> _signIns;
    private readonly Counter<long> _throttled;
    private readonly Histogram<double> _mosaicDuration;

    public MosaicSmsOtpMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _codesSent = meter.CreateCounter<long>("smsotp.codes.sent", "{code}", "SMS codes Mosaic was asked to send.");
        _codeValidations = meter.CreateCounter<long>("smsotp.code.validations", "{validation}", "Codes checked with Mosaic, by result.");
        _signIns = meter.CreateCounter<long>("smsotp.sign_ins", "{sign_in}", "Callbacks handled, by result.");
        _throttled = meter.CreateCounter<long>("smsotp.throttled", "{request}", "Requests refused by a throttle, by reason.");
        _mosaicDuration = meter.CreateHistogram<double>("smsotp.mosaic.request.duration", "s", "Duration of calls to Mosaic, by operation and outcome.");
    }

    public void CodeSent(bool isResend) => _codesSent.Add(1, new KeyValuePair<string, object?>("resend", isResend));

    public void CodeValidated(string result) => _codeValidations.Add(1, new KeyValuePair<string, object?>("result", result));

    public void SignIn(string result) => _signIns.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Throttled(string reason) => _throttled.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void MosaicCall(string operation, string outcome, TimeSpan elapsed)
        => _mosaicDuration.Record(elapsed.TotalSeconds, new TagList { { "operation", operation }, { "outcome", outcome } });
}
