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
internal sealed class SmsOtpResponder(HttpContext context, MosaicSmsOtpOptions options, PathString pathBase, IAntiforgery antiforgery, SmsOtpMessageResolver text)
{
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

        var error = text[failure.Message];
        await (failure.Page switch
        {
            SmsOtpFailurePage.Phone => PhonePageAsync(failure.StatusCode, typedPhoneNumber, error, returnUrl: null),
            SmsOtpFailurePage.Code or SmsOtpFailurePage.CodeWithResend when flow is not null
                => CodePageAsync(failure.StatusCode, flow, error, notice: null, offerResend: failure.Page == SmsOtpFailurePage.CodeWithResend),
            _ => MessagePageAsync(failure),
        });
    }

    /// <summary>The callback's failures: always the message page (the browser came back from Mosaic, not a script).</summary>
    public Task CallbackFailureAsync(SmsOtpFailure failure) => MessagePageAsync(failure with { Title = SmsOtpMessageKeys.TitleSignInNotCompleted });

    public Task MethodNotAllowedAsync(params string[] allowed)
    {
        Response.Headers.Allow = string.Join(", ", allowed);
        return MessagePageAsync(SmsOtpFailures.MethodNotAllowed);
    }

    public Task PhonePageAsync(int statusCode, string? phoneNumber, string? error, string? returnUrl)
        => SmsOtpPageWriter.WriteAsync(context, statusCode, SmsOtpPageRenderer.RenderPhonePage(new PhonePageModel(
            (pathBase + options.SignInPath).Value!, AntiforgeryField(), phoneNumber, error, returnUrl)), options);

    public Task CodePageAsync(int statusCode, SmsOtpFlow flow, string? error, string? notice, bool offerResend)
        => SmsOtpPageWriter.WriteAsync(context, statusCode, SmsOtpPageRenderer.RenderCodePage(new CodePageModel(
            (pathBase + options.VerifyPath).Value!,
            (pathBase + options.ResendPath).Value!,
            (pathBase + options.SignInPath).Value!,
            AntiforgeryField(),
            PhoneNumberMask.Mask(flow.PhoneNumber!),
            error,
            notice,
            offerResend)), options);

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
        return SmsOtpPageWriter.WriteAsync(context, failure.StatusCode, SmsOtpPageRenderer.RenderMessagePage(new MessagePageModel(
            text[failure.Title], text[failure.Message], (pathBase + options.SignInPath).Value, text[SmsOtpMessageKeys.LinkStartAgain])), options);
    }

    private void SetRetryAfter(TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
        {
            Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }

    private bool WantsJson()
    {
        var accept = Request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    private AntiforgeryField AntiforgeryField()
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new AntiforgeryField(tokens.FormFieldName, tokens.RequestToken!);
    }
}
