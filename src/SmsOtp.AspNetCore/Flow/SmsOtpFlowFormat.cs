using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace SmsOtp.AspNetCore.Flow;

/// <summary>Encrypts and authenticates the flow for its cookie (ASP.NET Core data protection).</summary>
internal sealed class SmsOtpFlowFormat(IDataProtector protector) : SecureDataFormat<SmsOtpFlow>(SmsOtpFlowSerializer.Instance, protector);
