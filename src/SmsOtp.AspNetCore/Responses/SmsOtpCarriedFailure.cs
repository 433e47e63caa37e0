using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using SmsOtp.AspNetCore.Text;

namespace SmsOtp.AspNetCore.Responses;

/// <summary>
/// A refusal carried from a browser's failed form post to the GET it is redirected to (post/redirect/get), in a short-lived
/// protected query value: the page's history entry is a GET, so Back and reload never resubmit the form or hit
/// <c>ERR_CACHE_MISS</c>. The value is bound to the flow it was made for and lapses after <see cref="Lifetime"/>; a wait it
/// names counts down from when it was made, and once over the message is dropped.
/// </summary>
internal static class SmsOtpCarriedFailure
{
    /// <summary>The query parameter that carries it.</summary>
    public const string QueryName = "m";

    /// <summary>How long a carried message may be shown (a reload a little later shows the plain page).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static string Protect(MosaicSmsOtpOptions options, SmsOtpFailure failure, string? flowId, string? typedPhoneNumber, DateTimeOffset now)
    {
        var waitUntil = failure.Message.Wait is { } wait ? (now + wait).ToUnixTimeMilliseconds() : -1;
        // The typed number goes last: it is the only free text, and it may contain anything.
        var payload = string.Join('\n',
            (now + Lifetime).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            flowId ?? string.Empty,
            failure.StatusCode.ToString(CultureInfo.InvariantCulture),
            failure.ErrorCode,
            ((int)failure.Page).ToString(CultureInfo.InvariantCulture),
            failure.Title,
            failure.Message.Key,
            waitUntil.ToString(CultureInfo.InvariantCulture),
            failure.RetryAfter is null ? "0" : "1",
            typedPhoneNumber ?? string.Empty);
        return Protector(options).Protect(payload);
    }

    /// <summary>The failure carried by <paramref name="value"/> for <paramref name="flowId"/>, or null when it is not ours, lapsed, or its wait is over.</summary>
    public static (SmsOtpFailure Failure, string? TypedPhoneNumber)? Unprotect(MosaicSmsOtpOptions options, string? value, string? flowId, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 4096)
        {
            return null;
        }

        string payload;
        try
        {
            payload = Protector(options).Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('\n', 10);
        if (parts.Length != 10
            || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var expires) || now.ToUnixTimeMilliseconds() > expires
            || !string.Equals(parts[1], flowId ?? string.Empty, StringComparison.Ordinal)
            || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var status)
            || !int.TryParse(parts[4], CultureInfo.InvariantCulture, out var page) || !Enum.IsDefined((SmsOtpFailurePage)page)
            || !long.TryParse(parts[7], CultureInfo.InvariantCulture, out var waitUntil))
        {
            return null;
        }

        TimeSpan? wait = null;
        if (waitUntil >= 0)
        {
            var left = DateTimeOffset.FromUnixTimeMilliseconds(waitUntil) - now;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            wait = left;
        }

        var failure = new SmsOtpFailure(status, parts[3], new SmsOtpMessage(parts[6], wait), (SmsOtpFailurePage)page, parts[5])
        {
            RetryAfter = parts[8] == "1" ? wait : null,
        };
        return (failure, parts[9].Length == 0 ? null : parts[9]);
    }

    private static IDataProtector Protector(MosaicSmsOtpOptions options)
        => options.DataProtectionProvider!.CreateProtector("SmsOtp.AspNetCore.MosaicSmsOtpHandler", "CarriedFailure.v1");
}
