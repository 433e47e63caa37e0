namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>A send's answer: the outcome and, when Mosaic refused (or did not know the number), what it said.</summary>
internal readonly record struct SendSmsResult(SendSmsOutcome Outcome, MosaicApiError? Error = null)
{
    public override string ToString() => Outcome.ToString();
}
