namespace SmsOtp.AspNetCore.Flow;

/// <summary>
/// What came of reading a flow cookie. <see cref="Value"/> is the cookie's protected value whenever it unprotected
/// (expired or not): the value the built-in forms' tokens are bound to (<see cref="SmsOtpFormToken"/>).
/// </summary>
internal readonly record struct SmsOtpFlowReadResult(SmsOtpFlow? Flow, SmsOtpFlowProblem Problem, string? Value = null);
