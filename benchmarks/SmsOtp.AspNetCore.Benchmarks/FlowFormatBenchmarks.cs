using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using SmsOtp.AspNetCore.Flow;

namespace SmsOtp.AspNetCore.Benchmarks;

/// <summary>
/// The flow cookie's round trip (serialize, encrypt, MAC, base64url; and back), against the platform's
/// <see cref="PropertiesDataFormat"/> round trip of the same properties, as the OIDC and OAuth handlers use for state.
/// Both use one ephemeral protector.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class FlowFormatBenchmarks
{
    private readonly PropertiesDataFormat _propertiesFormat;
    private readonly SmsOtpFlowFormat _flowFormat;
    private readonly AuthenticationProperties _properties = new() { RedirectUri = "/account/orders?page=2" };
    private readonly SmsOtpFlow _flow;

    public FlowFormatBenchmarks()
    {
        var protector = new EphemeralDataProtectionProvider().CreateProtector("SmsOtp.AspNetCore.Benchmarks");
        _propertiesFormat = new PropertiesDataFormat(protector);
        _flowFormat = new SmsOtpFlowFormat(protector);

        // A flow as the handler writes it after sending a code: 16-byte id, 32-byte nonce, a number, the properties.
        _flow = new SmsOtpFlow
        {
            FlowId = "q3Jx0cXyq0m3b1Q7p9kZ8w",
            Nonce = "Hq0kH2vP1m3n4b5v6c7x8z9a0s1d2f3g4h5j6k7l8pQ",
            CreatedAt = DateTimeOffset.UtcNow,
            PhoneNumber = "+16175551212",
            Properties = _properties,
        };
    }

    [Benchmark(Baseline = true, Description = "PropertiesDataFormat protect + unprotect")]
    public AuthenticationProperties? Properties() => _propertiesFormat.Unprotect(_propertiesFormat.Protect(_properties));

    [Benchmark(Description = "SmsOtpFlowFormat protect + unprotect")]
    public object? Flow() => _flowFormat.Unprotect(_flowFormat.Protect(_flow));
}
