using SmsOtp.AspNetCore.Responses;

namespace SmsOtp.AspNetCore.Otp;

/// <summary>How a code check ended, to be shared with the same code posted again for the same flow (B-45).</summary>
/// <param name="Result">Mosaic's <c>result</c> URI when the code was right.</param>
/// <param name="Failure">The answer when it was not (or Mosaic failed).</param>
internal sealed record SmsOtpValidationResult(Uri? Result, SmsOtpFailure? Failure);
