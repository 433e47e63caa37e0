using Microsoft.Extensions.Time.Testing;
using SmsOtp.AspNetCore.Otp;

namespace SmsOtp.AspNetCore.Tests.Otp;

/// <summary>The B-45 gate keeps a right code's answer for its flow's life, and forgets answers whose flows have ended.</summary>
public sealed class SmsOtpValidationGateTests
{
    private static readonly SmsOtpValidationResult Right = new(new Uri("https://mosaic.test/result"), null);

    [Fact]
    public async Task A_right_codes_answer_is_shared_until_its_flow_ends()
    {
        var time = new FakeTimeProvider();
        var gate = new SmsOtpValidationGate(time);
        gate.Enter("flow", "123456", time.GetUtcNow().AddMinutes(10)).Complete(Right);

        var repeat = gate.Enter("flow", "123456", time.GetUtcNow().AddMinutes(10));
        time.Advance(TimeSpan.FromMinutes(11));
        var afterTheFlow = gate.Enter("flow", "123456", time.GetUtcNow().AddMinutes(10));

        Assert.NotNull(repeat.Shared);
        Assert.Same(Right, await repeat.Shared);
        Assert.Null(afterTheFlow.Shared);
    }

    [Fact]
    public void Answers_of_ended_flows_are_swept_once_the_gate_has_grown_and_live_ones_are_kept()
    {
        var time = new FakeTimeProvider();
        var gate = new SmsOtpValidationGate(time);
        for (var i = 0; i < 1500; i++)
        {
            gate.Enter("old" + i, "123456", time.GetUtcNow().AddMinutes(1)).Complete(Right);
        }

        time.Advance(TimeSpan.FromMinutes(2));
        for (var i = 0; i < 10; i++)
        {
            gate.Enter("live" + i, "123456", time.GetUtcNow().AddMinutes(10)).Complete(Right);
        }

        Assert.Equal(10, gate.Count);
        Assert.NotNull(gate.Enter("live0", "123456", time.GetUtcNow().AddMinutes(10)).Shared);
    }

    [Fact]
    public void A_wrong_code_leaves_nothing_behind()
    {
        var time = new FakeTimeProvider();
        var gate = new SmsOtpValidationGate(time);

        gate.Enter("flow", "000000", time.GetUtcNow().AddMinutes(10)).Complete(new SmsOtpValidationResult(null, null));

        Assert.Equal(0, gate.Count);
        Assert.Null(gate.Enter("flow", "000000", time.GetUtcNow().AddMinutes(10)).Shared);
    }
}
