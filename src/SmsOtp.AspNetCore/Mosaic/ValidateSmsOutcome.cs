namespace SmsOtp.AspNetCore.Mosaic;

/// <summary>
/// A validation answer: a failure (with what Mosaic said), or the <c>result</c> URI on Mosaic's host that finishes the
/// flow in the browser.
/// </summary>
internal readonly record struct ValidateSmsOutcome(CodeValidationFailure? Failure, Uri? Result, MosaicApiError? Error = null);
