namespace SmsOtp.AspNetCore.Testing.State;

internal enum OtpOutcome
{
    Valid,
    Invalid,
    InvalidAndLocked,
    Expired,
    Locked,
}
