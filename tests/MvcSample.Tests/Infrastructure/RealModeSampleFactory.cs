namespace MvcSample.Tests.Infrastructure;

/// <summary>The sample with Mosaic credentials configured: real mode, no emulator, no <c>/dev/sms</c>.</summary>
public sealed class RealModeSampleFactory : SampleFactory
{
    protected override string ClientId => "test-client-id";

    protected override string ClientSecret => "test-client-secret";
}
