using System.Diagnostics;

namespace SmsOtp.AspNetCore.Diagnostics;

/// <summary>
/// The package's traces (activity source <c>SmsOtp.AspNetCore</c>): one activity per step of the flow
/// (<c>SmsOtp.SendCode</c>, <c>SmsOtp.ResendCode</c>, <c>SmsOtp.ValidateCode</c>, <c>SmsOtp.Callback</c>) and a
/// client activity per Mosaic call (<c>SmsOtp.Mosaic send</c>, ...), with the tags of <see cref="MosaicSmsOtpTags"/>.
/// </summary>
internal static class MosaicSmsOtpActivitySource
{
    public static readonly ActivitySource Instance = new(MosaicSmsOtpDefaults.DiagnosticsName, MosaicSmsOtpDiagnosticsVersion.Value);

    /// <summary>Starts a step of the flow, tagged with its scheme.</summary>
    public static Activity? StartStep(string name, string scheme)
    {
        var activity = Instance.StartActivity(name);
        activity?.SetTag(MosaicSmsOtpTags.Scheme, scheme);
        return activity;
    }

    /// <summary>Marks the current step (if it is one of ours) as failed, with <c>error.type</c>.</summary>
    public static void Fail(string errorType)
    {
        if (Activity.Current is { } activity && activity.Source == Instance)
        {
            activity.SetTag(MosaicSmsOtpTags.ErrorType, errorType);
            activity.SetStatus(ActivityStatusCode.Error, errorType);
        }
    }
}
