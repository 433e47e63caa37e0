using System.Net;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore.Tests.Throttling;

public sealed class SmsOtpThrottleKeysTests
{
    [Fact]
    public void Number_keys_hold_a_hash_not_the_number()
    {
        string[] keys =
        [
            SmsOtpThrottleKeys.SendCooldown("+16175551212"),
            SmsOtpThrottleKeys.NumberSends("+16175551212"),
            SmsOtpThrottleKeys.NumberFailures("+16175551212"),
        ];

        foreach (var key in keys)
        {
            Assert.DoesNotContain("6175551212", key, StringComparison.Ordinal);
            Assert.DoesNotContain("5551212", key, StringComparison.Ordinal);
            Assert.Matches("^[a-z]+:[a-z]+:[0-9a-f]{32}$", key);
        }

        Assert.Equal(3, keys.Distinct().Count());
    }

    [Fact]
    public void Keys_are_stable_and_differ_per_number()
    {
        Assert.Equal(SmsOtpThrottleKeys.NumberSends("+16175551212"), SmsOtpThrottleKeys.NumberSends("+16175551212"));
        Assert.NotEqual(SmsOtpThrottleKeys.NumberSends("+16175551212"), SmsOtpThrottleKeys.NumberSends("+16175551213"));
    }

    [Fact]
    public void Client_and_flow_keys_hold_a_hash_not_the_value()
    {
        var clientKey = SmsOtpThrottleKeys.ClientIpSends(IPAddress.Parse("203.0.113.7"));
        var flowKey = SmsOtpThrottleKeys.FlowAttempts("flow-secret-id");

        Assert.DoesNotContain("203.0.113", clientKey, StringComparison.Ordinal);
        Assert.DoesNotContain("flow-secret-id", flowKey, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.7", "v4:203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "v4:203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "v6:20010db800010002/64")]
    [InlineData("2001:db8:1:2::1", "v6:20010db800010002/64")]
    [InlineData("2001:db8:1:3::1", "v6:20010db800010003/64")]
    [InlineData("fe80::1%3", "v6:fe80000000000000/64")]
    public void Clients_are_bucketed_by_ipv4_address_or_ipv6_64_prefix(string address, string expected)
    {
        Assert.Equal(expected, SmsOtpThrottleKeys.ClientBucket(IPAddress.Parse(address)));
    }

    [Fact]
    public void Unknown_clients_share_one_bucket()
    {
        Assert.Equal("unknown", SmsOtpThrottleKeys.ClientBucket(null));
        Assert.Equal(SmsOtpThrottleKeys.ClientIpSends(null), SmsOtpThrottleKeys.ClientIpSends(null));
    }
}
