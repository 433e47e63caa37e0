namespace SmsOtp.AspNetCore.Pages;

/// <summary>
/// Every sentence the handler shows a person, in one place: plain, specific about what to do next, and the same for
/// numbers that have an account and numbers that do not.
/// </summary>
internal static class SmsOtpMessages
{
    public const string NewCodeSent = "We sent you a new code.";
    public const string SendRefused = "We could not send a code to that number. Check the number and try again.";
    public const string CodeFormat = "Enter the code from the SMS: 4 to 8 digits.";
    public const string CodeExpired = "That code has expired. Send a new code and enter it here.";
    public const string CodeWrong = "That code is not right. Check the SMS and try again.";
    public const string FlowSpent = "Too many wrong codes for this sign-in. Start again to get a new code.";
    public const string StartAgain = "This sign-in has expired or was started in another browser. Start again to get a new code.";
    public const string Unverified = "We could not verify this sign-in. Start again to get a new code.";
    public const string CodeAlreadyUsed = "This sign-in link was already used or has expired. Start again to get a new code.";
    public const string Unavailable = "Sign-in is temporarily unavailable. Please try again in a minute.";
    public const string BadUpstreamAnswer = "Sign-in is not working right now. Please try again later.";
    public const string UpstreamBusy = "Too many sign-ins are in progress right now. Please try again in a minute.";
    public const string FormTooLarge = "The form was too large.";
    public const string NotAForm = "Send the form as a web form (application/x-www-form-urlencoded).";
    public const string ForeignOrExpiredForm = "Your sign-in page expired or came from another site. Go back, reload the page and try again.";
    public const string MethodNotAllowed = "This address does not accept that kind of request.";

    public static string Locked(TimeSpan wait) => $"Too many wrong codes for this number. Try again in {Describe(wait)}.";

    public static string ResendCooldown(TimeSpan wait) => $"We just sent a code to this number. You can ask for another in {Describe(wait)}.";

    public static string TooManyAttempts(TimeSpan wait) => wait <= TimeSpan.Zero ? FlowSpent : $"Too many wrong codes for this number. Try again in {Describe(wait)}.";

    public static string TooManyCodes(TimeSpan wait) => $"Too many codes were requested. Try again in {Describe(wait)}.";

    /// <summary>A wait in words, rounded up: "40 seconds", "15 minutes", "21 hours".</summary>
    public static string Describe(TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        return seconds switch
        {
            <= 1 => "a second",
            < 60 => $"{seconds} seconds",
            < 120 => "a minute",
            < 2 * 3600 => $"{(int)Math.Ceiling(seconds / 60.0)} minutes",
            < 2 * 86400 => $"{(int)Math.Ceiling(seconds / 3600.0)} hours",
            _ => $"{(int)Math.Ceiling(seconds / 86400.0)} days",
        };
    }
}
