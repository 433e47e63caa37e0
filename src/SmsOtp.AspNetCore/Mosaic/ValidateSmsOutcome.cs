namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>A validation answer: a failure, or the <c>result</c> URI that finishes the flow in the browser.</summary>
internal readonly record struct ValidateSmsOutcome(CodeValidationFailure? Failure, Uri? Result);
