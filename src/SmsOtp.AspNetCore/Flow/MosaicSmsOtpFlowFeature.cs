namespace SmsOtp.AspNetCore.Flow;

/// <summary>The handler's <see cref="IMosaicSmsOtpFlowFeature"/>.</summary>
internal sealed class MosaicSmsOtpFlowFeature(string maskedPhoneNumber, int attemptsLeft, TimeSpan resendAllowedIn) : IMosaicSmsOtpFlowFeature
{
    public string MaskedPhoneNumber { get; } = maskedPhoneNumber;

    public int AttemptsLeft { get; } = attemptsLeft;

    public TimeSpan ResendAllowedIn { get; } = resendAllowedIn;
}
