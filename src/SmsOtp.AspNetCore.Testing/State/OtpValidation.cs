namespace SmsOtp.AspNetCore.Testing.State;

internal sealed record OtpValidation(OtpOutcome Outcome, PendingSend? Send);
