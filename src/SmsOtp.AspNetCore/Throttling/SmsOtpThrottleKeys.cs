using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace SmsOtp.AspNetCore.Throttling;

/// <summary>
/// Names the counters in an <see cref="ISmsOtpThrottleStore"/>: <c>{what}:{scope}:{hash}</c>. A store may put its own prefix
/// before them (the Redis store puts <c>smsotp:</c>).
/// </summary>
/// <remarks>
/// The store may be shared and inspected, so phone numbers, client IPs and flow ids appear only as a truncated SHA-256
/// (128 bits, lower-case hex) over a package-specific prefix. This is pseudonymisation, not secrecy: phone numbers are a
/// small space, so whoever can read the store and wants a particular number can still test guesses against it.
/// </remarks>
internal static class SmsOtpThrottleKeys
{
    /// <summary>The one counter of every SMS sent by the application.</summary>
    public const string GlobalSends = "send:all";

    private const string HashPrefix = "SmsOtp.AspNetCore/throttle/v1/";
    private const int HashBytes = 16;

    /// <summary>Exists while a number is in its resend cooldown.</summary>
    public static string SendCooldown(string phoneE164) => "send:cooldown:" + Hash(phoneE164);

    /// <summary>Counts the SMS sent to a number.</summary>
    public static string NumberSends(string phoneE164) => "send:number:" + Hash(phoneE164);

    /// <summary>Counts the SMS requested by a client.</summary>
    public static string ClientIpSends(IPAddress? clientIp) => "send:ip:" + Hash(ClientBucket(clientIp));

    /// <summary>Counts the codes checked for a flow.</summary>
    public static string FlowAttempts(string flowId) => "attempt:flow:" + Hash(flowId);

    /// <summary>Counts the wrong codes entered for a number, across flows.</summary>
    public static string NumberFailures(string phoneE164) => "attempt:number:" + Hash(phoneE164);

    /// <summary>Wrong codes in a row for one number, cleared by a correct one.</summary>
    public static string NumberConsecutiveFailures(string phoneE164) => "attempt:consecutive:" + Hash(phoneE164);

    /// <summary>Exists once a flow has been used to sign in, until the flow's lifetime ends (checklist B-40).</summary>
    public static string SpentFlow(string flowId) => "flow:spent:" + Hash(flowId);


    /// <summary>Exists while a number's latest code is within the tenant's code lifetime (the OTP policy the handler plays, B-36).</summary>
    public static string PolicyCode(string phoneE164) => "otp:code:" + Hash(phoneE164);

    /// <summary>Wrong codes toward the tenant's lockout threshold.</summary>
    public static string PolicyFailures(string phoneE164) => "otp:failures:" + Hash(phoneE164);

    /// <summary>Exists while a number is locked by the tenant's lockout policy.</summary>
    public static string PolicyLocked(string phoneE164) => "otp:locked:" + Hash(phoneE164);

    /// <summary>
    /// The client a request is counted under: an IPv4 address; the /64 network of an IPv6 address (one host is routinely
    /// given a whole /64, so finer keys would let it rotate addresses for free); an IPv4-mapped IPv6 address as IPv4; and
    /// one shared <c>unknown</c> client when the address is not known, which fails closed rather than unthrottled.
    /// </summary>
    internal static string ClientBucket(IPAddress? clientIp)
    {
        if (clientIp is null)
        {
            return "unknown";
        }

        if (clientIp.IsIPv4MappedToIPv6)
        {
            clientIp = clientIp.MapToIPv4();
        }

        if (clientIp.AddressFamily == AddressFamily.InterNetwork)
        {
            return "v4:" + clientIp.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        if (clientIp.AddressFamily != AddressFamily.InterNetworkV6 || !clientIp.TryWriteBytes(bytes, out _))
        {
            return "unknown";
        }

        return "v6:" + Convert.ToHexStringLower(bytes[..8]) + "/64";
    }

    private static string Hash(string value)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(HashPrefix + value), digest);
        return Convert.ToHexStringLower(digest[..HashBytes]);
    }
}
