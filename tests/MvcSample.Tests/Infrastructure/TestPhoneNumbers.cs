namespace MvcSample.Tests.Infrastructure;

/// <summary>
/// One phone number per test, so tests sharing a server never share a code, a resend cooldown or a per-number limit.
/// </summary>
internal static class TestPhoneNumbers
{
    public const string SignInFlow = "+16175551201";
    public const string ProfileClaims = "+16175551202";
    public const string DevSmsJson = "+16175551203";
    public const string DevSmsHtml = "+16175551204";
    public const string SignedInLayout = "+16175551205";
    public const string SignOutForged = "+16175551206";
    public const string SignOut = "+16175551207";
    public const string WrongCode = "+16175551208";
    public const string DevSmsLogs = "+16175551209";

    public const string BrowserSignIn = "+16175551211";
    public const string BrowserWrongCode = "+16175551212";
    public const string BrowserKeyboard = "+16175551213";
    public const string BrowserFieldAttributes = "+16175551214";

    public const string BrowserBrandedDark = "+16175551221";
    public const string BrowserFrench = "+16175551222";
    public const string BrowserArabic = "+16175551223";
    public const string BrowserTargets = "+16175551224";
    public const string BrowserTargetsDark = "+16175551225";
    public const string BrowserBackAfterWrongCode = "+16175551226";
    public const string BrowserSecondBrowser = "+16175551227";
    public const string BrowserDoubleSubmit = "+16175551228";
    public const string BrowserReplacedCodePage = "+16175551229";

    /// <summary>One number per accessibility run (culture × scheme), from +16175551230 on.</summary>
    public static string BrowserAxe(int run) => "+1617555" + (1230 + run).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
