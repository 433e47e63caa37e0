using System.Collections.Frozen;
using K = SmsOtp.AspNetCore.Text.SmsOtpMessageKeys;

namespace SmsOtp.AspNetCore.Text;

/// <summary>
/// The English text of every sentence and title the handler shows a person, by key: plain, specific about what to do
/// next, and the same for numbers that have an account and numbers that do not. <c>{0}</c> is a wait in words.
/// </summary>
internal static class SmsOtpMessages
{
    // Every phone-number message gives the user something to do; none repeats what was typed (it may not be a number).
    private const string Example = "for example +1 415 555 0100";

    public static readonly FrozenDictionary<string, string> English = new Dictionary<string, string>
    {
        [K.NewCodeSent] = "We sent you a new code.",
        [K.SendRefused] = "We could not send a code to that number. Check the number and try again.",
        [K.CodeFormat] = "Enter the code from the SMS: 4 to 8 digits.",
        [K.CodeExpired] = "That code has expired. Send a new code and enter it here.",
        [K.CodeWrong] = "That code is not right. Check the SMS and try again.",
        [K.FlowSpent] = "Too many wrong codes for this sign-in. Start again to get a new code.",
        [K.StartAgain] = "This sign-in has expired or was started in another browser. Start again to get a new code.",
        [K.Unverified] = "We could not verify this sign-in. Start again to get a new code.",
        [K.CodeAlreadyUsed] = "This sign-in link was already used or has expired. Start again to get a new code.",
        [K.Unavailable] = "Sign-in is temporarily unavailable. Please try again in a minute.",
        [K.BadUpstreamAnswer] = "Sign-in is not working right now. Please try again later.",
        [K.UpstreamBusy] = "Too many sign-ins are in progress right now. Please try again in a minute.",
        [K.FormTooLarge] = "The form was too large.",
        [K.NotAForm] = "Send the form as a web form (application/x-www-form-urlencoded).",
        [K.ForeignOrExpiredForm] = "Your sign-in page expired or came from another site. Go back, reload the page and try again.",
        [K.MethodNotAllowed] = "This address does not accept that kind of request.",
        [K.Locked] = "Too many wrong codes for this number. Try again in {0}.",
        [K.ResendCooldown] = "We just sent a code to this number. You can ask for another in {0}.",
        [K.TooManyAttempts] = "Too many wrong codes for this number. Try again in {0}.",
        [K.TooManyCodes] = "Too many codes were requested. Try again in {0}.",

        [K.PhoneNumberMissing] = $"Enter your mobile number, starting with + and your country code, {Example}.",
        [K.PhoneNumberTooLong] = $"That is too long for a phone number. Enter only your mobile number, {Example}.",
        [K.PhoneNumberNotANumber] = $"Use only digits, spaces, dashes, dots and brackets, starting with + and your country code, {Example}.",
        [K.PhoneNumberInvalid] = $"That is not a valid mobile number. Enter your mobile number in international format, {Example}.",
        [K.PhoneNumberRegionNotAllowed] = "We cannot send codes to numbers in that country. Enter a mobile number from a supported country.",
        [K.PhoneNumberCannotReceiveSms] = "That number cannot receive text messages. Enter a mobile number.",
        [K.PhoneNumberOther] = $"Enter your mobile number in international format, {Example}.",

        [K.InsecureOrigin] = "Sign-in is not available over an insecure connection. Open this site's https:// address and try again. No code was sent.",
        [K.InsecureOriginDevelopment] = "No code was sent: this page was opened over plain http://, and browsers drop the Secure sign-in cookie there, so the sign-in could not finish. Serve the app over HTTPS; behind a TLS-terminating proxy, open its https:// address and call app.UseForwardedHeaders() before UseAuthentication(); for local plain-HTTP testing only, set FlowCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest.",
        [K.SignInDidNotStick] = "You completed the sign-in, but this site could not keep you signed in, so you were not sent round the sign-in again. Please try again later; if it keeps happening, tell the site's support.",
        [K.TitleSignInNotCompleted] = "Sign-in not completed",
        [K.TitleStartAgain] = "Start again",
        [K.TitleTryAgain] = "Please try again",
        [K.TitleUnavailable] = "Sign-in unavailable",
        [K.TitlePleaseWait] = "Please wait",
        [K.TitleTooManyAttempts] = "Too many attempts",
        [K.TitleNotAllowed] = "Not allowed",
        [K.LinkStartAgain] = "Start again",

        [K.WaitSecond] = "a second",
        [K.WaitSeconds] = "{0} seconds",
        [K.WaitMinute] = "a minute",
        [K.WaitMinutes] = "{0} minutes",
        [K.WaitHours] = "{0} hours",
        [K.WaitDays] = "{0} days",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
