using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Flow;
using SmsOtp.AspNetCore.Pages;
using SmsOtp.AspNetCore.Phone;
using SmsOtp.AspNetCore.Text;

namespace SmsOtp.AspNetCore.Responses;

/// <summary>
/// Writes the handler's answers for one request: its pages, its redirects, and its refusals (<see cref="SmsOtpFailure"/>)
/// as a page for browsers, ProblemDetails for JSON clients, or a redirect to the app's own page with <c>?error=</c>.
/// </summary>
internal sealed class SmsOtpResponder(HttpContext context, MosaicSmsOtpOptions options, PathString pathBase, IAntiforgery antiforgery, SmsOtpPages pages, SmsOtpFormBinding forms)
{
    private readonly SmsOtpMessageResolver text = new(pages.Strings(options));

    private HttpRequest Request => context.Request;

    private HttpResponse Response => context.Response;

    /// <summary>Answers a refused request in the form the client asked for.</summary>
    /// <param name="failure">What went wrong.</param>
    /// <param name="flow">The flow, for the code page.</param>
    /// <param name="typedPhoneNumber">What the person typed, shown again on the phone page.</param>
    public async Task RefuseAsync(SmsOtpFailure failure, SmsOtpFlow? flow = null, string? typedPhoneNumber = null)
    {
        MosaicSmsOtpActivitySource.Fail(failure.ErrorCode);
        SetRetryAfter(failure.RetryAfter);
        if (WantsJson())
        {
            await SmsOtpProblemWriter.WriteAsync(context, failure.StatusCode, text[failure.Message], failure.ErrorCode);
            return;
        }

        if (!options.UseBuiltInPages && Request.Path != options.CallbackPath)
        {
            var page = Request.Path == options.SignInPath || failure.StartsOver ? options.SignInPath : options.VerifyPath;
            SeeOther(page, "?error=" + Uri.EscapeDataString(failure.ErrorCode));
            return;
        }

        if (IsBrowserFormPost() && failure.StatusCode is not (StatusCodes.Status403Forbidden or StatusCodes.Status405MethodNotAllowed or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType))
        {
            // Post/redirect/get: the browser's history gets the GET, so Back and reload never meet the POST
            // (ERR_CACHE_MISS). A refused form (foreign origin, expired antiforgery, too large) is answered in place: it
            // is no step of this person's sign-in.
            var code = (failure.Page is SmsOtpFailurePage.Code or SmsOtpFailurePage.CodeWithResend or SmsOtpFailurePage.CodeNotice) && flow is not null;
            var carried = SmsOtpCarriedFailure.Protect(options, failure, code ? flow!.FlowId : null, failure.Page == SmsOtpFailurePage.Phone ? typedPhoneNumber : null, options.Clock.GetUtcNow());
            SeeOther(code ? options.VerifyPath : options.SignInPath, "?" + SmsOtpCarriedFailure.QueryName + "=" + Uri.EscapeDataString(carried));
            return;
        }

        await ShowAsync(failure, flow, typedPhoneNumber);
    }

    /// <summary>Shows a refusal on its built-in page, with its status (directly, or on the GET after a redirect).</summary>
    public Task ShowAsync(SmsOtpFailure failure, SmsOtpFlow? flow, string? typedPhoneNumber)
    {
        SetRetryAfter(failure.RetryAfter);
        var sentence = text[failure.Message];
        return failure.Page switch
        {
            SmsOtpFailurePage.Phone => PhonePageAsync(failure.StatusCode, typedPhoneNumber, sentence, returnUrl: null),
            SmsOtpFailurePage.CodeNotice when flow is not null => CodePageAsync(failure.StatusCode, flow, error: null, notice: sentence, offerResend: false),
            SmsOtpFailurePage.Code or SmsOtpFailurePage.CodeWithResend when flow is not null
                => CodePageAsync(failure.StatusCode, flow, sentence, notice: null, offerResend: failure.Page == SmsOtpFailurePage.CodeWithResend),
            _ => MessagePageAsync(failure),
        };
    }

    /// <summary>The refusal a redirected GET carries for <paramref name="flow"/> (null: the phone or message page), if any.</summary>
    public (SmsOtpFailure Failure, string? TypedPhoneNumber)? CarriedFailure(SmsOtpFlow? flow)
        => SmsOtpCarriedFailure.Unprotect(options, Request.Query[SmsOtpCarriedFailure.QueryName], flow?.FlowId, options.Clock.GetUtcNow());

    /// <summary>The callback's failures: always the message page (the browser came back from Mosaic, not a script).</summary>
    public Task CallbackFailureAsync(SmsOtpFailure failure) => MessagePageAsync(failure with { Title = SmsOtpMessageKeys.TitleSignInNotCompleted });

    public Task MethodNotAllowedAsync(params string[] allowed)
    {
        Response.Headers.Allow = string.Join(", ", allowed);
        return MessagePageAsync(SmsOtpFailures.MethodNotAllowed);
    }

    public Task PhonePageAsync(int statusCode, string? phoneNumber, string? error, string? returnUrl)
        => pages.WritePhonePageAsync(context, options, statusCode, (pathBase + options.SignInPath).Value!, AntiforgeryField(forms.PhoneFormCookie), phoneNumber, error, null, returnUrl);

    public Task CodePageAsync(int statusCode, SmsOtpFlow flow, string? error, string? notice, bool offerResend)
    {
        // What the handler told the app's pages too: attempts left and the wait until a resend.
        var feature = context.Features.Get<IMosaicSmsOtpFlowFeature>();
        return pages.WriteCodePageAsync(context, options, statusCode, new SmsOtpCodePageModelParts(
            (pathBase + options.VerifyPath).Value!,
            (pathBase + options.ResendPath).Value!,
            (pathBase + options.SignInPath).Value!,
            AntiforgeryField(forms.CodeFormCookie),
            PhoneNumberMask.Mask(flow.PhoneNumber!),
            error,
            notice,
            offerResend,
            feature?.AttemptsLeft,
            feature is { ResendAllowedIn.Ticks: > 0 } ? feature.ResendAllowedIn : null));
    }

    /// <summary>The code page of a flow that has a code, with an optional notice (for example "we sent a new code").</summary>
    public Task CodePageAsync(SmsOtpFlow flow, SmsOtpMessage? notice)
        => CodePageAsync(StatusCodes.Status200OK, flow, null, notice is { } n ? text[n] : null, offerResend: false);

    /// <summary>A 303 to one of the handler's paths (under the app's path base).</summary>
    public void SeeOther(PathString path, string query = "")
    {
        Response.StatusCode = StatusCodes.Status303SeeOther;
        Response.Headers.Location = (pathBase + path).Value + query;
        Response.Headers.CacheControl = "no-store";
    }

    /// <summary>A 303 to Mosaic's <c>result</c> URI, which finishes the sign-in in the browser.</summary>
    public void SeeOtherToMosaic(Uri result)
    {
        // The next hop's URL carries a one-time code: nothing may send it on as a Referer, and nothing may cache it.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers[HeaderNames.CacheControl] = "no-store";
        Response.StatusCode = StatusCodes.Status303SeeOther;
        Response.Headers.Location = result.AbsoluteUri;
    }

    private Task MessagePageAsync(SmsOtpFailure failure)
    {
        SetRetryAfter(failure.RetryAfter);
        return pages.WriteMessagePageAsync(context, options, failure.StatusCode, text[failure.Title], text[failure.Message], (pathBase + options.SignInPath).Value, text[SmsOtpMessageKeys.LinkStartAgain], failure.RetryAfter);
    }

    private void SetRetryAfter(TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
        {
            Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A form the person submitted in a browser (which labels its navigations); scripts and test clients get the page itself.</summary>
    public bool IsBrowserFormPost()
        => HttpMethods.IsPost(Request.Method) && string.Equals(Request.Headers["Sec-Fetch-Mode"], "navigate", StringComparison.Ordinal);

    private bool WantsJson()
    {
        var accept = Request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The form's token, bound to the flow cookie the browser will hold (no Data Protection operation); the platform's
    /// token pair only when the browser holds none (a form re-rendered for a POST that came without any).
    /// </summary>
    private SmsOtpAntiforgeryField AntiforgeryField(string? boundCookie)
    {
        if (boundCookie is not null)
        {
            return new SmsOtpAntiforgeryField(SmsOtpFormToken.FieldName, SmsOtpFormToken.Create(boundCookie));
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        return new SmsOtpAntiforgeryField(tokens.FormFieldName, tokens.RequestToken!);
    }
}
