using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore.Requests;

/// <summary>The outcome of <see cref="SmsOtpPostGuard.CheckAsync"/>.</summary>
internal readonly record struct SmsOtpPostCheck(int StatusCode, string? Reason, bool StaleToken = false)
{
    public static SmsOtpPostCheck Passed => new(0, null);

    public bool IsPassed => Reason is null;

    public static SmsOtpPostCheck Refuse(int statusCode, string reason) => new(statusCode, reason);

    /// <summary>Every other check passed; the form carried a built-in form's token, made for another flow cookie.</summary>
    public static SmsOtpPostCheck RefuseStaleToken(string reason) => new(StatusCodes.Status400BadRequest, reason, StaleToken: true);
}
