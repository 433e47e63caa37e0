namespace SmsOtp.AspNetCore.Flow;

/// <summary>The handler's <see cref="IMosaicSmsOtpFlowFeature"/>.</summary>
internal sealed class MosaicSmsOtpFlowFeature(string maskedPhoneNumber) : IMosaicSmsOtpFlowFeature
{
    public string MaskedPhoneNumber { get; } = maskedPhoneNumber;
}
