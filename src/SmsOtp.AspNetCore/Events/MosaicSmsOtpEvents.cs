using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace SmsOtp.AspNetCore;

/// <summary>
/// The events of the Mosaic SMS OTP handler. Assign the <c>On…</c> delegates, or derive from this class, override the
/// methods and register the type through <see cref="AuthenticationSchemeOptions.EventsType"/>.
/// </summary>
public class MosaicSmsOtpEvents : RemoteAuthenticationEvents
{
    /// <summary>
    /// Invoked when a challenge sends the user to the phone page. By default a page navigation gets a 303 to
    /// <see cref="RedirectContext{TOptions}.RedirectUri"/>; a Blazor enhanced navigation or form post (fetched by
    /// blazor.web.js) gets 401 with the page in <c>blazor-enhanced-nav-redirect-location</c>, which Blazor loads as a
    /// full page; and a script or API request (<c>Sec-Fetch-Mode</c> other than <c>navigate</c>,
    /// <c>X-Requested-With: XMLHttpRequest</c>, or JSON only) gets 401 with the page in <c>Location</c>.
    /// </summary>
    public Func<RedirectContext<MosaicSmsOtpOptions>, Task> OnRedirectToSignIn { get; set; } = context =>
    {
        if (Requests.BrowserNavigation.IsBlazorEnhancedNavigation(context.Request))
        {
            Requests.BrowserNavigation.RedirectBlazorEnhancedNavigation(context.Response, StatusCodes.Status401Unauthorized, context.RedirectUri);
            return Task.CompletedTask;
        }

        if (Requests.BrowserNavigation.IsNavigation(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.CacheControl = "no-store";
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }

        context.Response.Headers.Location = context.RedirectUri;
        return Task.CompletedTask;
    };

    /// <summary>Invoked before a code is sent; it can change the message, sender, claims or sign-up flag for this request.</summary>
    public Func<SendingCodeContext, Task> OnSendingCode { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked after Mosaic accepted a send (also for numbers Mosaic does not know, so that this event cannot enumerate users).</summary>
    public Func<CodeSentContext, Task> OnCodeSent { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked when Mosaic refuses a code: wrong, expired or locked.</summary>
    public Func<CodeValidationFailedContext, Task> OnCodeValidationFailed { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked when a request is about to be throttled; the app can log it or let the request through.</summary>
    public Func<ThrottlingContext, Task> OnThrottling { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked after the authorization code was exchanged, before the ID token is validated.</summary>
    public Func<TokenResponseReceivedContext, Task> OnTokenResponseReceived { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked after the ID token was validated; it can reject the sign-in.</summary>
    public Func<TokenValidatedContext, Task> OnTokenValidated { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked when the principal has been built, before the ticket is created; it can add or remove claims.</summary>
    public Func<CreatingTicketContext, Task> OnCreatingTicket { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invoked when a challenge sends the user to the phone page.</summary>
    /// <param name="context">The context.</param>
    public virtual Task RedirectToSignIn(RedirectContext<MosaicSmsOtpOptions> context) => OnRedirectToSignIn(context);

    /// <summary>Invoked before a code is sent.</summary>
    /// <param name="context">The context.</param>
    public virtual Task SendingCode(SendingCodeContext context) => OnSendingCode(context);

    /// <summary>Invoked after a send was accepted.</summary>
    /// <param name="context">The context.</param>
    public virtual Task CodeSent(CodeSentContext context) => OnCodeSent(context);

    /// <summary>Invoked when Mosaic refuses a code.</summary>
    /// <param name="context">The context.</param>
    public virtual Task CodeValidationFailed(CodeValidationFailedContext context) => OnCodeValidationFailed(context);

    /// <summary>Invoked when a request is about to be throttled.</summary>
    /// <param name="context">The context.</param>
    public virtual Task Throttling(ThrottlingContext context) => OnThrottling(context);

    /// <summary>Invoked after the authorization code was exchanged.</summary>
    /// <param name="context">The context.</param>
    public virtual Task TokenResponseReceived(TokenResponseReceivedContext context) => OnTokenResponseReceived(context);

    /// <summary>Invoked after the ID token was validated.</summary>
    /// <param name="context">The context.</param>
    public virtual Task TokenValidated(TokenValidatedContext context) => OnTokenValidated(context);

    /// <summary>Invoked when the principal has been built.</summary>
    /// <param name="context">The context.</param>
    public virtual Task CreatingTicket(CreatingTicketContext context) => OnCreatingTicket(context);
}
