using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Otp;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Otp;

/// <summary>The tenant's OTP policy as the handler plays it (B-36), against the in-memory store.</summary>
public sealed class SmsOtpCodePolicyTests
{
    private const string Phone = "+16175550100";

    [Fact]
    public async Task A_send_that_Mosaic_answers_after_another_sends_code_went_out_keeps_that_codes_wrong_codes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var policy = new SmsOtpCodePolicy(new MemorySmsOtpThrottleStore(time), new MosaicSmsOtpCodePolicyOptions(), time);

        // Send B is reserved first (no code yet) and waits on Mosaic; send A's code goes out and is guessed twice.
        await policy.CodeSentAsync(Phone, CancellationToken.None);
        await policy.RecordWrongCodeAsync(Phone, CancellationToken.None);
        await policy.RecordWrongCodeAsync(Phone, CancellationToken.None);

        // Then Mosaic answers B: A's code is live now, so its wrong codes count on towards the lockout.
        await policy.CodeSentAsync(Phone, CancellationToken.None);

        var state = await policy.ReadAsync(Phone, CancellationToken.None);
        Assert.Equal(SmsOtpCodeStateKind.Live, state.Kind);
        Assert.Equal(1, state.LockoutAttemptsLeft);
    }
}
