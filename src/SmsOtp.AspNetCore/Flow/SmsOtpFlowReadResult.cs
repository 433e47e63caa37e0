namespace SmsOtp.AspNetCore.Flow;

internal readonly record struct SmsOtpFlowReadResult(SmsOtpFlow? Flow, SmsOtpFlowProblem Problem);
