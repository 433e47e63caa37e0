namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// The names of the calls to Mosaic and of their results as metric tags and span names: lower-case snake_case, one
/// vocabulary for every call.
/// </summary>
internal static class MosaicOperation
{
    public const string Send = "send";
    public const string Validate = "validate";
    public const string Exchange = "exchange";
    public const string Succeeded = "succeeded";

    public static string ResultOf(SendSmsResult sent) => sent.Outcome switch
    {
        SendSmsOutcome.Sent => "sent",
        SendSmsOutcome.UserNotFound => "user_not_found",
        _ => "refused",
    };

    public static string ResultOf(ValidateSmsOutcome outcome) => outcome.Failure switch
    {
        null => Succeeded,
        CodeValidationFailure.ExpiredCode => "expired_code",
        CodeValidationFailure.Locked => "locked",
        _ => "invalid_code",
    };

    public static string ResultOf(MosaicFailureKind kind) => kind switch
    {
        MosaicFailureKind.RateLimited => "rate_limited",
        MosaicFailureKind.InvalidResponse => "invalid_response",
        MosaicFailureKind.Rejected => "rejected",
        _ => "unavailable",
    };
}
