using SmsOtp.AspNetCore.Phone;

namespace SmsOtp.AspNetCore.Text;

/// <summary>
/// The keys of every sentence and title the handler shows a person. The names are stable: they are the resource names
/// a localization uses.
/// </summary>
internal static class SmsOtpMessageKeys
{
    public const string NewCodeSent = nameof(NewCodeSent);
    public const string CodeAlreadySent = nameof(CodeAlreadySent);
    public const string SendRefused = nameof(SendRefused);
    public const string CodeFormat = nameof(CodeFormat);
    public const string CodeExpired = nameof(CodeExpired);
    public const string CodeWrong = nameof(CodeWrong);
    public const string FlowSpent = nameof(FlowSpent);
    public const string StartAgain = nameof(StartAgain);
    public const string Unverified = nameof(Unverified);
    public const string CodeAlreadyUsed = nameof(CodeAlreadyUsed);
    public const string Unavailable = nameof(Unavailable);
    public const string BadUpstreamAnswer = nameof(BadUpstreamAnswer);
    public const string UpstreamBusy = nameof(UpstreamBusy);
    public const string FormTooLarge = nameof(FormTooLarge);
    public const string NotAForm = nameof(NotAForm);
    public const string ForeignOrExpiredForm = nameof(ForeignOrExpiredForm);
    public const string PhoneFormReplaced = nameof(PhoneFormReplaced);
    public const string MethodNotAllowed = nameof(MethodNotAllowed);
    public const string Locked = nameof(Locked);
    public const string ResendCooldown = nameof(ResendCooldown);
    public const string TooManyAttempts = nameof(TooManyAttempts);
    public const string TooManyCodes = nameof(TooManyCodes);

    public const string PhoneNumberMissing = nameof(PhoneNumberMissing);
    public const string PhoneNumberTooLong = nameof(PhoneNumberTooLong);
    public const string PhoneNumberNotANumber = nameof(PhoneNumberNotANumber);
    public const string PhoneNumberInvalid = nameof(PhoneNumberInvalid);
    public const string PhoneNumberRegionNotAllowed = nameof(PhoneNumberRegionNotAllowed);
    public const string PhoneNumberCannotReceiveSms = nameof(PhoneNumberCannotReceiveSms);
    public const string PhoneNumberOther = nameof(PhoneNumberOther);

    public const string InsecureOrigin = nameof(InsecureOrigin);
    public const string InsecureOriginDevelopment = nameof(InsecureOriginDevelopment);
    public const string SignInDidNotStick = nameof(SignInDidNotStick);

    // Titles and links of the message page.
    public const string TitleSignInNotCompleted = nameof(TitleSignInNotCompleted);
    public const string TitleStartAgain = nameof(TitleStartAgain);
    public const string TitleTryAgain = nameof(TitleTryAgain);
    public const string TitleUnavailable = nameof(TitleUnavailable);
    public const string TitlePleaseWait = nameof(TitlePleaseWait);
    public const string TitleTooManyAttempts = nameof(TitleTooManyAttempts);
    public const string TitleNotAllowed = nameof(TitleNotAllowed);
    public const string LinkStartAgain = nameof(LinkStartAgain);

    // A wait in words ("40 seconds"), the {0} of the sentences that name one.
    public const string WaitSecond = nameof(WaitSecond);
    public const string WaitSeconds = nameof(WaitSeconds);
    public const string WaitMinute = nameof(WaitMinute);
    public const string WaitMinutes = nameof(WaitMinutes);
    public const string WaitHours = nameof(WaitHours);
    public const string WaitDays = nameof(WaitDays);

    /// <summary>The sentence that says what to fix in a refused phone number.</summary>
    public static string For(PhoneNumberError error) => error switch
    {
        PhoneNumberError.Missing => PhoneNumberMissing,
        PhoneNumberError.TooLong => PhoneNumberTooLong,
        PhoneNumberError.NotANumber => PhoneNumberNotANumber,
        PhoneNumberError.InvalidNumber => PhoneNumberInvalid,
        PhoneNumberError.RegionNotAllowed => PhoneNumberRegionNotAllowed,
        PhoneNumberError.CannotReceiveSms => PhoneNumberCannotReceiveSms,
        _ => PhoneNumberOther,
    };
}
