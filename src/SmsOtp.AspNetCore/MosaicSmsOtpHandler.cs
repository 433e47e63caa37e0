using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Flow;
using SmsOtp.AspNetCore.Mosaic;
using SmsOtp.AspNetCore.Phone;
using SmsOtp.AspNetCore.Requests;
using SmsOtp.AspNetCore.Responses;
using SmsOtp.AspNetCore.Text;
using SmsOtp.AspNetCore.Throttling;

namespace SmsOtp.AspNetCore;

/// <summary>
/// SMS one-time-passcode sign-in through Mosaic. It reads top to bottom like the flow: challenge → phone page → send →
/// code page → validate → (Mosaic, in the browser) → callback. Mosaic calls live in <c>Mosaic/</c>, cookie work in
/// <c>Flow/</c>, request checks in <c>Requests/</c>, answers and refusals in <c>Responses/</c> (the catalog of failures
/// is <see cref="SmsOtpFailures"/>), HTML in <c>Pages/</c>; this class only decides what happens next.
/// </summary>
internal sealed class MosaicSmsOtpHandler(
    IOptionsMonitor<MosaicSmsOtpOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IAntiforgery antiforgery,
    MosaicApiClient mosaic,
    SmsOtpThrottleCache throttles,
    MosaicSmsOtpMetrics metrics,
    SmsOtpMessageResolver text)
    : RemoteAuthenticationHandler<MosaicSmsOtpOptions>(options, logger, encoder)
{
    private SmsOtpResponder? _responder;

    /// <summary>The failure this request's callback ended with (returned or thrown), as RemoteFailure receives it.</summary>
    private Exception? _callbackFailure;

    private TimeProvider Time => Options.Clock;

    private new MosaicSmsOtpEvents Events => (MosaicSmsOtpEvents)base.Events;

    /// <inheritdoc />
    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new MosaicSmsOtpEvents());

    // ---------------------------------------------------------------- routing

    /// <inheritdoc />
    public override async Task<bool> HandleRequestAsync()
    {
        var path = Request.Path;
        if (path == Options.SignInPath)
        {
            return await HandleSignInPathAsync();
        }

        if (path == Options.VerifyPath)
        {
            return await HandleVerifyPathAsync();
        }

        if (path == Options.ResendPath)
        {
            return HttpMethods.IsPost(Request.Method) ? await HandleResendAsync() : await MethodNotAllowedAsync(HttpMethods.Post);
        }

        if (path != Options.CallbackPath)
        {
            return false;
        }

        // The code must not travel on as a Referer from whatever the callback leads to.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        try
        {
            return await base.HandleRequestAsync();
        }
        catch (AuthenticationFailureException ex) when (!Response.HasStarted && _callbackFailure is not null && ReferenceEquals(ex.InnerException, _callbackFailure))
        {
            // RemoteAuthenticationHandler throws our own failure when no RemoteFailure handler took over: answer with a
            // page instead of a 500. A failure the app's RemoteFailure handler chose (context.Fail) is another exception
            // and propagates, as in the platform.
            MosaicSmsOtpLog.SignInFailed(Logger, _callbackFailure.Message);
            await Respond.CallbackFailureAsync((_callbackFailure as SmsOtpSignInException)?.Failure ?? SmsOtpFailures.Unverified);
            return true;
        }
    }

    private async Task<bool> HandleSignInPathAsync()
    {
        if (HttpMethods.IsPost(Request.Method))
        {
            return await HandleSendAsync();
        }

        if (!HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method))
        {
            return await MethodNotAllowedAsync(HttpMethods.Get, HttpMethods.Post);
        }

        if (!Options.UseBuiltInPages)
        {
            return false;
        }

        var returnUrl = Request.Query["ReturnUrl"].ToString();
        await Respond.PhonePageAsync(StatusCodes.Status200OK, null, null, LocalReturnUrl.IsLocal(returnUrl) ? returnUrl : null);
        return true;
    }

    private async Task<bool> HandleVerifyPathAsync()
    {
        if (HttpMethods.IsPost(Request.Method))
        {
            return await HandleValidateAsync();
        }

        if (!HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method))
        {
            return await MethodNotAllowedAsync(HttpMethods.Get, HttpMethods.Post);
        }

        var read = ReadFlow(expected: Options.UseBuiltInPages);
        if (!Options.UseBuiltInPages)
        {
            // The app's own page runs next; tell it what it may show.
            if (read.Flow is { HasCode: true } current)
            {
                Context.Features.Set<IMosaicSmsOtpFlowFeature>(new MosaicSmsOtpFlowFeature(PhoneNumberMask.Mask(current.PhoneNumber!)));
            }

            return false;
        }

        if (read.Flow is not { HasCode: true } flow)
        {
            Respond.SeeOther(Options.SignInPath);
            return true;
        }

        await Respond.CodePageAsync(flow, Request.Query.ContainsKey("sent") ? new SmsOtpMessage(SmsOtpMessageKeys.NewCodeSent) : (SmsOtpMessage?)null);
        return true;
    }

    // ---------------------------------------------------------------- 1. challenge

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var requested = properties.RedirectUri ?? (OriginalPathBase + OriginalPath + Request.QueryString).ToString();
        properties.RedirectUri = LocalReturnUrl.OrRoot(requested, OriginalPathBase);
        if (!LocalReturnUrl.IsLocal(requested))
        {
            MosaicSmsOtpLog.ReturnUrlReplaced(Logger);
        }

        // Only a page navigation starts a sign-in, and only in the start cookie: a sign-in that has sent a code lives in
        // the flow cookie, which a second tab or a background request challenging meanwhile leaves alone.
        if (BrowserNavigation.IsNavigation(Request))
        {
            SmsOtpFlowCookie.Write(Context, Options, NewFlow(properties, phoneNumber: null), start: true);
        }

        await Events.RedirectToSignIn(new RedirectContext<MosaicSmsOtpOptions>(Context, Scheme, Options, properties, (OriginalPathBase + Options.SignInPath).Value!));
    }

    // ---------------------------------------------------------------- 2. send

    private async Task<bool> HandleSendAsync()
    {
        using var activity = MosaicSmsOtpActivitySource.Instance.StartActivity("SmsOtp.SendCode");
        if (!await PassesPostGuardAsync())
        {
            return true;
        }

        var form = Request.Form;
        // Where to return: from the challenge that sent the person here, else from the sign-in being redone with another
        // number, else from the form (someone may open the phone page directly).
        var started = SmsOtpFlowCookie.Read(Context, Options, Time.GetUtcNow(), start: true).Flow;
        var properties = started?.Properties ?? ReadFlow(expected: false).Flow?.Properties ?? new AuthenticationProperties
        {
            RedirectUri = LocalReturnUrl.OrRoot(form["returnUrl"].ToString(), OriginalPathBase),
        };

        var typed = form["phone_number"].ToString();
        var phone = Options.PhoneNumberNormalizer.Normalize(typed);
        if (!phone.Succeeded)
        {
            MosaicSmsOtpLog.PhoneNumberRefused(Logger, phone.Error.ToString());
            await Respond.RefuseAsync(SmsOtpFailures.InvalidPhoneNumber(phone.Error), typedPhoneNumber: typed);
            return true;
        }

        var flow = NewFlow(properties, phone.E164);
        if (!await AllowedByThrottleAsync(throttle => throttle.ReserveSendAsync(flow.PhoneNumber!, Context.Connection.RemoteIpAddress, resendOfFlowId: null, Context.RequestAborted), flow.PhoneNumber!))
        {
            return true;
        }

        if (!await SendCodeAsync(flow, isResend: false))
        {
            return true;
        }

        SmsOtpFlowCookie.Write(Context, Options, flow);
        if (started is not null)
        {
            SmsOtpFlowCookie.Delete(Context, Options, start: true);
        }

        Respond.SeeOther(Options.VerifyPath);
        return true;
    }

    private async Task<bool> HandleResendAsync()
    {
        using var activity = MosaicSmsOtpActivitySource.Instance.StartActivity("SmsOtp.ResendCode");
        if (!await PassesPostGuardAsync())
        {
            return true;
        }

        if (await RequireFlowWithCodeAsync() is not { } flow)
        {
            return true;
        }

        if (!await AllowedByThrottleAsync(throttle => throttle.ReserveSendAsync(flow.PhoneNumber!, Context.Connection.RemoteIpAddress, flow.FlowId, Context.RequestAborted), flow.PhoneNumber!))
        {
            return true;
        }

        if (!await SendCodeAsync(flow, isResend: true))
        {
            return true;
        }

        // The flow stays as it is (same nonce, same lifetime): a resend cannot stretch a flow past FlowLifetime.
        Respond.SeeOther(Options.VerifyPath, "?sent=1");
        return true;
    }

    /// <summary>Sends the code; on failure it has given back the send's budgets (checklist B-42) and answered the request.</summary>
    private async Task<bool> SendCodeAsync(SmsOtpFlow flow, bool isResend)
    {
        var phoneNumber = flow.PhoneNumber!;
        var sending = new SendingCodeContext(Context, Scheme, Options, flow.Properties, phoneNumber);
        await Events.SendingCode(sending);

        var request = new SendSmsRequest
        {
            PhoneNumber = phoneNumber,
            CreateNewUser = sending.CreateNewUser,
            RedirectUri = BuildCallbackUri(),
            CustomMessage = sending.CustomMessage,
            SenderId = sending.SenderId,
            Claims = SendSmsRequest.ClaimsRequest(sending.RequestedClaims),
        };

        SendSmsOutcome outcome;
        try
        {
            outcome = await mosaic.SendSmsAsync(Options, request, Context.RequestAborted);
        }
        catch (MosaicApiException ex)
        {
            await RefundSendAsync(phoneNumber);
            await RespondToMosaicFailureAsync(ex);
            return false;
        }

        var masked = PhoneNumberMask.Mask(phoneNumber);
        switch (outcome)
        {
            case SendSmsOutcome.UserNotFound:
                MosaicSmsOtpLog.UnknownUser(Logger, masked);
                break;
            case SendSmsOutcome.Refused:
                MosaicSmsOtpLog.SendRefused(Logger, masked, "400");
                await RefundSendAsync(phoneNumber);
                await Respond.RefuseAsync(SmsOtpFailures.SendRefused);
                return false;
            default:
                MosaicSmsOtpLog.CodeSent(Logger, masked, isResend);
                metrics.CodeSent(isResend);
                break;
        }

        // Raised for unknown numbers too: an event that fired only for real users would be an enumeration oracle.
        await Events.CodeSent(new CodeSentContext(Context, Scheme, Options, flow.Properties, phoneNumber, isResend));
        return true;
    }

    // ---------------------------------------------------------------- 3. validate

    private async Task<bool> HandleValidateAsync()
    {
        using var activity = MosaicSmsOtpActivitySource.Instance.StartActivity("SmsOtp.ValidateCode");
        if (!await PassesPostGuardAsync())
        {
            return true;
        }

        if (await RequireFlowWithCodeAsync() is not { } flow)
        {
            return true;
        }

        var phoneNumber = flow.PhoneNumber!;
        // Counted before the format check: a malformed code uses one of the flow's attempts too (checklist B-24).
        if (!await AllowedByThrottleAsync(throttle => throttle.ReserveAttemptAsync(phoneNumber, flow.FlowId, flow.CreatedAt + Options.FlowLifetime, Context.RequestAborted), phoneNumber))
        {
            return true;
        }

        if (!PasscodeInput.TryRead(Request.Form["passcode"].ToString(), out var passcode))
        {
            await SettleAttemptAsync(flow, SmsOtpAttemptResult.NotWrong);
            await Respond.RefuseAsync(SmsOtpFailures.CodeFormat, flow);
            return true;
        }

        ValidateSmsOutcome outcome;
        try
        {
            outcome = await mosaic.ValidateSmsAsync(Options, new ValidateSmsRequest { PhoneNumber = phoneNumber, Passcode = passcode, Nonce = flow.Nonce }, Context.RequestAborted);
        }
        catch (MosaicApiException ex)
        {
            await SettleAttemptAsync(flow, SmsOtpAttemptResult.NotJudged);
            await RespondToMosaicFailureAsync(ex);
            return true;
        }

        var masked = PhoneNumberMask.Mask(phoneNumber);
        if (outcome.Failure is { } failure)
        {
            metrics.CodeValidated(failure.ToString());
            MosaicSmsOtpLog.CodeRefused(Logger, masked, failure);
            // A wrong code was counted by the reservation; anything else Mosaic said was no wrong code.
            await SettleAttemptAsync(flow, failure == CodeValidationFailure.InvalidCode ? SmsOtpAttemptResult.WrongCode : SmsOtpAttemptResult.NotWrong);

            await Events.CodeValidationFailed(new CodeValidationFailedContext(Context, Scheme, Options, flow.Properties, phoneNumber, failure));
            await Respond.RefuseAsync(SmsOtpFailures.CodeRefused(failure, Options.MosaicLockoutDuration), flow);
            return true;
        }

        metrics.CodeValidated("Succeeded");
        MosaicSmsOtpLog.CodeAccepted(Logger, masked);
        await SettleAttemptAsync(flow, SmsOtpAttemptResult.RightCode);
        Respond.SeeOtherToMosaic(outcome.Result!);
        return true;
    }

    // ---------------------------------------------------------------- 4. callback

    /// <inheritdoc />
    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        // Remembered so that the failure RemoteAuthenticationHandler rethrows can be told, by reference, from one that
        // the app's RemoteFailure handler chose.
        try
        {
            var result = await AuthenticateCallbackAsync();
            _callbackFailure = result.Failure;
            return result;
        }
        catch (Exception ex)
        {
            _callbackFailure = ex;
            throw;
        }
    }

    private async Task<HandleRequestResult> AuthenticateCallbackAsync()
    {
        using var activity = MosaicSmsOtpActivitySource.Instance.StartActivity("SmsOtp.Callback");
        var read = ReadFlow();
        if (read.Flow is not { HasCode: true } flow)
        {
            metrics.SignIn("no_flow");
            return HandleRequestResult.Fail(SmsOtpSignInException.FlowLost(read.Problem));
        }

        // Single use: whatever happens next, this flow is spent, so a replayed callback finds no cookie.
        SmsOtpFlowCookie.Delete(Context, Options);
        var properties = flow.Properties;
        var query = Request.Query;
        if (query["error"].ToString() is { Length: > 0 } error)
        {
            var errorCode = LogValue.Token(error);
            MosaicSmsOtpLog.CallbackError(Logger, errorCode);
            metrics.SignIn("mosaic_error");
            if (errorCode == "access_denied")
            {
                var denied = await HandleAccessDeniedErrorAsync(properties);
                if (!denied.None)
                {
                    return denied;
                }
            }

            return HandleRequestResult.Fail(SmsOtpSignInException.Unverified($"Mosaic returned the error '{errorCode}'"), properties);
        }

        var code = query["code"].ToString();
        if (code.Length is 0 or > 2048)
        {
            metrics.SignIn("no_code");
            return HandleRequestResult.Fail(SmsOtpSignInException.Unverified("the callback carried no authorization code"), properties);
        }

        // Spent on every instance until it ends, so a copy of the cookie cannot sign in again (checklist B-40).
        if (await ConsumeFlowAsync(flow) is { } spent)
        {
            return HandleRequestResult.Fail(spent, properties);
        }

        MosaicTokenResponse tokens;
        try
        {
            tokens = await mosaic.ExchangeCodeAsync(Options, code, BuildCallbackUri(), Context.RequestAborted);
        }
        catch (MosaicApiException ex)
        {
            metrics.SignIn("exchange_failed");
            return HandleRequestResult.Fail(SmsOtpSignInException.FromMosaic(ex), properties);
        }

        await Events.TokenResponseReceived(new TokenResponseReceivedContext(Context, Scheme, Options, properties, tokens));

        MosaicIdToken validated;
        try
        {
            validated = await MosaicIdTokenValidator.ValidateAsync(Options, tokens.IdToken, flow.Nonce, flow.PhoneNumber!, Context.RequestAborted);
        }
        catch (MosaicIdTokenException ex)
        {
            MosaicSmsOtpLog.IdTokenRefused(Logger, ex.Message);
            metrics.SignIn("invalid_id_token");
            return HandleRequestResult.Fail(SmsOtpSignInException.Unverified("the ID token was refused: " + ex.Message), properties);
        }
        catch (MosaicApiException ex)
        {
            metrics.SignIn("keys_unavailable");
            return HandleRequestResult.Fail(SmsOtpSignInException.FromMosaic(ex), properties);
        }

        var identity = MosaicSmsOtpClaimsFactory.CreateIdentity(validated.Token, Scheme.Name, ClaimsIssuer);
        var principal = new System.Security.Claims.ClaimsPrincipal(identity);
        var tokenValidated = new TokenValidatedContext(Context, Scheme, Options, principal, properties, validated.Token, tokens);
        await Events.TokenValidated(tokenValidated);
        if (tokenValidated.Result is { } eventResult)
        {
            return eventResult;
        }

        if (Options.SaveTokens)
        {
            properties.StoreTokens(TokensToSave(tokens));
        }

        var creatingTicket = new CreatingTicketContext(Context, Scheme, Options, tokenValidated.Principal!, properties, validated.Token, tokens);
        await Events.CreatingTicket(creatingTicket);

        metrics.SignIn("succeeded");
        MosaicSmsOtpLog.SignedIn(Logger, validated.Token.Subject);
        return HandleRequestResult.Success(new AuthenticationTicket(creatingTicket.Principal!, creatingTicket.Properties, Scheme.Name));
    }

    // ---------------------------------------------------------------- shared steps

    private SmsOtpThrottle Throttle => throttles.For(Options);

    private SmsOtpResponder Respond => _responder ??= new(Context, Options, OriginalPathBase, antiforgery, text);

    private SmsOtpFlow NewFlow(AuthenticationProperties properties, string? phoneNumber)
    {
        var now = Time.GetUtcNow();
        return new SmsOtpFlow
        {
            FlowId = Base64UrlRandom(16),
            Nonce = Base64UrlRandom(32),
            CreatedAt = now,
            Properties = properties,
            PhoneNumber = phoneNumber,
        };
    }

    private SmsOtpFlowReadResult ReadFlow(bool expected = true)
    {
        var read = SmsOtpFlowCookie.Read(Context, Options, Time.GetUtcNow());
        switch (read.Problem)
        {
            case SmsOtpFlowProblem.Missing when expected:
                MosaicSmsOtpLog.FlowCookieMissing(Logger, Options.FlowCookie.Name!, Request.Path.Value ?? "/");
                break;
            case SmsOtpFlowProblem.Unreadable:
                MosaicSmsOtpLog.FlowCookieUnreadable(Logger, Options.FlowCookie.Name!);
                break;
            case SmsOtpFlowProblem.Expired:
                MosaicSmsOtpLog.FlowExpired(Logger);
                break;
        }

        return read;
    }

    /// <summary>The flow of a POST to the code page or resend; without one, the user is told to start again.</summary>
    private async Task<SmsOtpFlow?> RequireFlowWithCodeAsync()
    {
        var read = ReadFlow();
        if (read.Flow is { HasCode: true } flow)
        {
            return flow;
        }

        await Respond.RefuseAsync(SmsOtpFailures.FlowLost);
        return null;
    }

    private async Task<bool> PassesPostGuardAsync()
    {
        var check = await SmsOtpPostGuard.CheckAsync(Context, antiforgery, Options.MaxRequestBodySize, Options.RedirectUri);
        if (check.IsPassed)
        {
            return true;
        }

        MosaicSmsOtpLog.RequestRefused(Logger, Request.Path.Value ?? "/", check.Reason!);
        await Respond.RefuseAsync(SmsOtpFailures.RequestRefused(check.StatusCode));
        return false;
    }

    /// <summary>
    /// Runs a throttle check; when it refuses (and no Throttling handler lets the request through), or when the store
    /// behind it fails, the request has been answered and the result is false.
    /// </summary>
    private async Task<bool> AllowedByThrottleAsync(Func<SmsOtpThrottle, ValueTask<SmsOtpThrottleDecision>> check, string phoneNumber)
    {
        SmsOtpThrottleDecision decision;
        try
        {
            decision = await check(Throttle);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A shared store (Redis, a database) can be down or full; fail closed, with a page rather than a 500.
            MosaicSmsOtpLog.ThrottleStoreFailed(Logger, ex);
            await Respond.RefuseAsync(SmsOtpFailures.ThrottleStoreFailed);
            return false;
        }

        if (decision.IsAllowed)
        {
            return true;
        }

        if (decision.Reason == SmsOtpThrottleReason.FlowSpent)
        {
            // Not a limit the app may lift: a replayed copy of a flow that has signed in (checklist B-40).
            MosaicSmsOtpLog.Throttled(Logger, Request.Path.Value ?? "/", decision.Reason.ToString(), 0);
            await Respond.RefuseAsync(SmsOtpFailures.FlowSpent);
            return false;
        }

        var context = new ThrottlingContext(Context, Scheme, Options, phoneNumber, decision);
        await Events.Throttling(context);
        if (context.AllowRequest)
        {
            return true;
        }

        metrics.Throttled(decision.Reason.ToString());
        MosaicSmsOtpLog.Throttled(Logger, Request.Path.Value ?? "/", decision.Reason.ToString(), decision.RetryAfter.TotalSeconds);
        if (decision.Reason == SmsOtpThrottleReason.GlobalHourlyBudget)
        {
            MosaicSmsOtpLog.GlobalBudgetExhausted(Logger, Time.GetUtcNow() + decision.RetryAfter);
        }

        await Respond.RefuseAsync(SmsOtpFailures.Throttled(decision));
        return false;
    }

    /// <summary>Gives back (part of) a reservation; the step has happened, so a store failure is logged, not answered.</summary>
    private async Task SettleThrottleAsync(Func<SmsOtpThrottle, ValueTask> settle)
    {
        try
        {
            await settle(Throttle);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Failing to give back keeps the charge: stricter, never looser.
            MosaicSmsOtpLog.ThrottleStoreFailed(Logger, ex);
        }
    }

    // Not RequestAborted: a client that hangs up once Mosaic has answered must not skip the settlement.
    private Task RefundSendAsync(string phoneNumber) =>
        SettleThrottleAsync(throttle => throttle.RefundSendAsync(phoneNumber, Context.Connection.RemoteIpAddress, CancellationToken.None));

    private Task SettleAttemptAsync(SmsOtpFlow flow, SmsOtpAttemptResult result) => result == SmsOtpAttemptResult.WrongCode
        ? Task.CompletedTask
        : SettleThrottleAsync(throttle => throttle.SettleAttemptAsync(flow.PhoneNumber!, flow.FlowId, result, CancellationToken.None));

    /// <summary>Records the flow as spent; the failure to answer with when it already was, or the store failed.</summary>
    private async Task<SmsOtpSignInException?> ConsumeFlowAsync(SmsOtpFlow flow)
    {
        try
        {
            if ((await Throttle.ConsumeFlowAsync(flow.FlowId, flow.CreatedAt + Options.FlowLifetime, Context.RequestAborted)).IsAllowed)
            {
                return null;
            }

            metrics.SignIn("flow_spent");
            return SmsOtpSignInException.FlowSpent();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            MosaicSmsOtpLog.ThrottleStoreFailed(Logger, ex);
            metrics.SignIn("store_failed");
            return SmsOtpSignInException.StoreUnavailable(ex);
        }
    }

    private Task RespondToMosaicFailureAsync(MosaicApiException failure)
    {
        if (failure.Kind == MosaicFailureKind.Rejected)
        {
            // Mosaic refused a request the handler built: the app's setup in Mosaic, not the user, needs attention.
            MosaicSmsOtpLog.MosaicRejectedRequest(Logger, failure.Operation, failure.Error?.ToString() ?? "-", failure);
        }
        else
        {
            MosaicSmsOtpLog.MosaicCallFailed(Logger, failure.Operation, failure.Kind.ToString(), failure.Error?.ToString() ?? "-", failure);
        }

        return Respond.RefuseAsync(SmsOtpFailures.FromMosaic(failure));
    }

    private async Task<bool> MethodNotAllowedAsync(params string[] allowed)
    {
        await Respond.MethodNotAllowedAsync(allowed);
        return true;
    }

    /// <summary>The redirect URI, the same string for the send and the code exchange, as Mosaic matches it exactly.</summary>
    private string BuildCallbackUri() => Options.RedirectUri?.AbsoluteUri ?? BuildRedirectUri(Options.CallbackPath);

    private static IEnumerable<AuthenticationToken> TokensToSave(MosaicTokenResponse tokens)
    {
        yield return new AuthenticationToken { Name = "id_token", Value = tokens.IdToken };
        if (tokens.AccessToken is not null)
        {
            yield return new AuthenticationToken { Name = "access_token", Value = tokens.AccessToken };
        }

        if (tokens.RefreshToken is not null)
        {
            yield return new AuthenticationToken { Name = "refresh_token", Value = tokens.RefreshToken };
        }

        if (tokens.TokenType is not null)
        {
            yield return new AuthenticationToken { Name = "token_type", Value = tokens.TokenType };
        }
    }

    private static string Base64UrlRandom(int bytes) => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(bytes));
}
