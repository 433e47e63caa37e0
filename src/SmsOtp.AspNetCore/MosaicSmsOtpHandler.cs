using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsOtp.AspNetCore.Diagnostics;
using SmsOtp.AspNetCore.Flow;
using SmsOtp.AspNetCore.Localization;
using SmsOtp.AspNetCore.Mosaic;
using SmsOtp.AspNetCore.Otp;
using SmsOtp.AspNetCore.Pages;
using SmsOtp.AspNetCore.Phone;
using SmsOtp.AspNetCore.Requests;
using SmsOtp.AspNetCore.Responses;
using SmsOtp.AspNetCore.Sms;
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
    SmsOtpValidationGate validationGate,
    MosaicSmsOtpMetrics metrics,
    SmsOtpPages pages)
    : RemoteAuthenticationHandler<MosaicSmsOtpOptions>(options, logger, encoder)
{
    private SmsOtpCodePolicy? _codePolicy;
    private SmsOtpResponder? _responder;
    private SmsOtpFormBinding? _forms;

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
            return await WithResponseFloorAsync(HandleSignInPathAsync);
        }

        if (path == Options.VerifyPath)
        {
            return await WithResponseFloorAsync(HandleVerifyPathAsync);
        }

        if (path == Options.ResendPath)
        {
            return HttpMethods.IsPost(Request.Method) ? await WithResponseFloorAsync(HandleResendAsync) : await MethodNotAllowedAsync(HttpMethods.Post);
        }

        if (path != Options.CallbackPath)
        {
            await ForgetCompletedSignInOnceItSticksAsync();
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

        if (Respond.CarriedFailure(flow: null) is { } carried)
        {
            await Respond.ShowAsync(carried.Failure, null, carried.TypedPhoneNumber);
            return true;
        }

        var returnUrl = Request.Query["ReturnUrl"].ToString();
        await Respond.PhonePageAsync(StatusCodes.Status200OK, null, null, LocalReturnUrl.Normalize(returnUrl));
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
                await SetFlowFeatureAsync(current);
            }

            return false;
        }

        if (read.Flow is not { HasCode: true } flow)
        {
            Respond.SeeOther(Options.SignInPath);
            return true;
        }

        await SetFlowFeatureAsync(flow);
        if (Respond.CarriedFailure(flow) is { } carried)
        {
            await Respond.ShowAsync(carried.Failure, flow, null);
            return true;
        }

        var resendIn = Context.Features.Get<IMosaicSmsOtpFlowFeature>()!.ResendAllowedIn;
        SmsOtpMessage? notice = Request.Query.ContainsKey("sent") ? new SmsOtpMessage(SmsOtpMessageKeys.NewCodeSent)
            : Request.Query.ContainsKey("joined") && resendIn > TimeSpan.Zero ? new SmsOtpMessage(SmsOtpMessageKeys.CodeAlreadySent, resendIn)
            : (SmsOtpMessage?)null;
        await Respond.CodePageAsync(flow, notice);
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

        var navigation = BrowserNavigation.IsNavigation(Request);
        if (navigation && SmsOtpSignInMarker.IsFresh(Context, Options, Time.GetUtcNow()))
        {
            // Challenged again right after completing a sign-in: the session did not stick. Another lap would end the same.
            await RespondToSignInThatDidNotStickAsync();
            return;
        }

        // Only a page navigation starts a sign-in, and only in the start cookie: a sign-in that has sent a code lives in
        // the flow cookie, which a second tab or a background request challenging meanwhile leaves alone.
        if (navigation)
        {
            var started = NewFlow(properties, phoneNumber: null);
            if (ProtectToFit(started) is { } protectedStart)
            {
                WriteFlowCookie(started, protectedStart, start: true);
            }
        }

        await Events.RedirectToSignIn(new RedirectContext<MosaicSmsOtpOptions>(Context, Scheme, Options, properties, (OriginalPathBase + Options.SignInPath).Value!));
    }

    // ---------------------------------------------------------------- 2. send

    private async Task<bool> HandleSendAsync()
    {
        using var activity = MosaicSmsOtpActivitySource.StartStep("SmsOtp.SendCode", Scheme.Name);
        // The phone form is bound to the start cookie, else to the flow cookie (a sign-in redone with another number).
        var startRead = SmsOtpFlowCookie.Read(Context, Options, Time.GetUtcNow(), start: true);
        var flowRead = startRead.Flow is null ? ReadFlow(expected: false) : default;
        // A cookie that does not read (old keys, tampered) is dropped, so that the next phone page binds its form to one that does.
        if (startRead.Problem == SmsOtpFlowProblem.Unreadable)
        {
            DropFlowCookie(start: true);
        }
        else if (startRead.Problem == SmsOtpFlowProblem.Missing && flowRead.Problem == SmsOtpFlowProblem.Unreadable)
        {
            DropFlowCookie(start: false);
        }

        // A genuine start cookie the form was not made for: a challenge in another tab replaced the one it was (B-20
        // still holds: the POST is refused, and only the phone page comes back, with nothing from this form).
        var replaced = startRead.Flow is not null ? SmsOtpFailures.PhoneFormReplaced : null;
        if (!await PassesPostGuardAsync(startRead.Problem == SmsOtpFlowProblem.Missing ? flowRead.Value : startRead.Value, replaced))
        {
            return true;
        }

        var form = Request.Form;
        // Where to return: from the challenge that sent the person here, else from the sign-in being redone with another
        // number, else from the form (someone may open the phone page directly).
        var started = startRead.Flow;
        var properties = started?.Properties ?? flowRead.Flow?.Properties ?? new AuthenticationProperties
        {
            RedirectUri = LocalReturnUrl.OrRoot(form["returnUrl"].ToString(), OriginalPathBase),
        };

        if (InsecureBrowserOrigin.Find(Context, Options) is { } origin)
        {
            // The browser would drop the Secure flow cookie: the SMS would be paid for and the sign-in could not finish.
            MosaicSmsOtpLog.FlowCookieWouldBeDropped(Logger, origin.Host, Options.FlowCookie.Name!);
            var development = Context.RequestServices.GetService<IHostEnvironment>()?.IsDevelopment() == true;
            await Respond.RefuseAsync(development ? SmsOtpFailures.InsecureOriginInDevelopment : SmsOtpFailures.InsecureOrigin);
            return true;
        }

        var typed = form["phone_number"].ToString();
        var phone = Options.PhoneNumberNormalizer.Normalize(typed);
        if (!phone.Succeeded)
        {
            MosaicSmsOtpLog.PhoneNumberRefused(Logger, phone.Error.ToString());
            await Respond.RefuseAsync(SmsOtpFailures.InvalidPhoneNumber(phone.Error), typedPhoneNumber: typed);
            return true;
        }

        var flow = NewFlow(properties, phone.E164);
        // Decided before anything is sent: a flow whose cookie could not come back would spend an SMS for nothing (B-38).
        if (ProtectToFit(flow) is not { } protectedFlow)
        {
            await Respond.RefuseAsync(SmsOtpFailures.FlowTooLarge);
            return true;
        }

        var joined = false;
        if (!await AllowedByThrottleAsync(
            async throttle =>
            {
                (var decision, joined) = await ReserveOrJoinAsync(throttle, flow.PhoneNumber!);
                return decision;
            },
            flow.PhoneNumber!))
        {
            return true;
        }

        if (!joined && !await SendCodeAsync(flow, isResend: false))
        {
            return true;
        }

        // The start cookie stays until the callback: the phone forms still open (another tab, the page sent back) are
        // bound to it, and a sign-in redone with another number returns where this one would.
        WriteFlowCookie(flow, protectedFlow, start: false);

        Respond.SeeOther(Options.VerifyPath, joined ? "?joined=1" : "");
        return true;
    }

    /// <summary>
    /// Inside the cooldown of a code that was sent and is still live (another browser, or the phone page opened again),
    /// a new flow uses that code instead of refusing: Mosaic checks number, code and the nonce given at validation, so
    /// the new flow's nonce works with it. No SMS; the same for numbers Mosaic knows and numbers it does not (B-36), as
    /// the cooldown and the code policy are played for both.
    /// </summary>
    /// <remarks>
    /// Only for a person's form post in a browser: scripts and API clients keep the cooldown's 429 and Retry-After, which
    /// tells them more than a code page they would not show.
    /// </remarks>
    private async ValueTask<(SmsOtpThrottleDecision Decision, bool Joined)> ReserveOrJoinAsync(SmsOtpThrottle throttle, string phoneNumber)
    {
        // The policy's counters come with the reservation, for the join.
        var (decision, policy) = await throttle.ReserveSendAsync(phoneNumber, Context.Connection.RemoteIpAddress, resendOfFlowId: null, SmsOtpCodePolicy.StateKeys(phoneNumber), Context.RequestAborted);
        var joins = !decision.IsAllowed
            && decision.Reason == SmsOtpThrottleReason.ResendCooldown
            && Respond.IsBrowserFormPost()
            && CodePolicy.StateFrom(policy, 0).Kind == SmsOtpCodeStateKind.Live;
        return joins ? (default, true) : (decision, false);
    }

    private async Task<bool> HandleResendAsync()
    {
        using var activity = MosaicSmsOtpActivitySource.StartStep("SmsOtp.ResendCode", Scheme.Name);
        var read = ReadFlow();
        if (!await PassesPostGuardAsync(read.Value))
        {
            return true;
        }

        if (await RequireFlowWithCodeAsync(read) is not { } flow)
        {
            return true;
        }

        if (!await AllowedByThrottleAsync(throttle => throttle.ReserveSendAsync(flow.PhoneNumber!, Context.Connection.RemoteIpAddress, flow.FlowId, Context.RequestAborted), flow.PhoneNumber!, flow))
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
        var sending = new SendingCodeContext(Context, Scheme, Options, flow.Properties, phoneNumber)
        {
            CustomMessage = Options.CustomMessage ?? pages.Strings(Options)[SmsOtpStrings.SmsText].Value,
        };
        await Events.SendingCode(sending);
        var callbackUri = BuildCallbackUri();
        var message = sending.CustomMessage is { } text && Options.OriginBoundCodes ? OriginBoundLine.AppendTo(text, new Uri(callbackUri)) : sending.CustomMessage;

        var request = new SendSmsRequest
        {
            PhoneNumber = phoneNumber,
            CreateNewUser = sending.CreateNewUser,
            RedirectUri = callbackUri,
            CustomMessage = message,
            SenderId = sending.SenderId,
            Claims = SendSmsRequest.ClaimsRequest(sending.RequestedClaims),
        };

        SendSmsResult sent;
        try
        {
            sent = await mosaic.SendSmsAsync(Options, request, Context.RequestAborted);
        }
        catch (MosaicApiException ex)
        {
            await RefundSendAsync(phoneNumber);
            await RespondToMosaicFailureAsync(ex);
            return false;
        }

        var masked = PhoneNumberMask.Mask(phoneNumber);
        switch (sent.Outcome)
        {
            case SendSmsOutcome.UserNotFound:
                MosaicSmsOtpLog.UnknownUser(Logger, masked, sent.Error?.ToRedactedString() ?? "-");
                break;
            case SendSmsOutcome.Refused:
                MosaicSmsOtpLog.SendRefused(Logger, masked, sent.Error?.ToRedactedString() ?? "-");
                await RefundSendAsync(phoneNumber);
                await Respond.RefuseAsync(SmsOtpFailures.SendRefused);
                return false;
            default:
                MosaicSmsOtpLog.CodeSent(Logger, masked, isResend);
                metrics.CodeSent(Scheme.Name, phoneNumber, isResend);
                break;
        }

        // For unknown numbers too: the policy's state must be the same as for a number Mosaic sent a code to (B-36).
        await RecordInCodePolicyAsync(policy => policy.CodeSentAsync(phoneNumber, CancellationToken.None));

        // Raised for unknown numbers too: an event that fired only for real users would be an enumeration oracle.
        await Events.CodeSent(new CodeSentContext(Context, Scheme, Options, flow.Properties, phoneNumber, isResend));
        return true;
    }

    // ---------------------------------------------------------------- 3. validate

    private async Task<bool> HandleValidateAsync()
    {
        using var activity = MosaicSmsOtpActivitySource.StartStep("SmsOtp.ValidateCode", Scheme.Name);
        var read = ReadFlow();
        if (!await PassesPostGuardAsync(read.Value))
        {
            return true;
        }

        if (await RequireFlowWithCodeAsync(read) is not { } flow)
        {
            return true;
        }

        var phoneNumber = flow.PhoneNumber!;
        var wellFormed = PasscodeInput.TryRead(Request.Form["passcode"].ToString(), out var passcode);
        // The same code posted again for this flow (a double click, parallel posts) waits for the first check and lands
        // where it did, counting nothing (B-45).
        var lease = wellFormed ? validationGate.Enter(flow.FlowId, passcode, flow.CreatedAt + Options.FlowLifetime) : null;
        while (lease?.Shared is { } shared)
        {
            if (await shared is { } earlier)
            {
                // Unless the flow has signed in since: a copy of its cookie gets nothing from the earlier answer (B-40).
                if (!await AllowedByThrottleAsync(throttle => throttle.CheckFlowNotSpentAsync(flow.FlowId, Context.RequestAborted), phoneNumber))
                {
                    return true;
                }

                await AnswerValidationAsync(flow, read.Value!, earlier);
                return true;
            }

            lease = validationGate.Enter(flow.FlowId, passcode, flow.CreatedAt + Options.FlowLifetime);
        }

        SmsOtpValidationResult? result = null;
        try
        {
            result = await ValidateCodeAsync(flow, phoneNumber, wellFormed ? passcode : null);
        }
        finally
        {
            lease?.Complete(result);
        }

        if (result is not null)
        {
            await AnswerValidationAsync(flow, read.Value!, result);
        }

        return true;
    }

    /// <summary>
    /// Checks the code; returns how it ended, or null when the request was already answered before Mosaic judged the
    /// code (a throttle, the number's lock, a malformed code).
    /// </summary>
    private async Task<SmsOtpValidationResult?> ValidateCodeAsync(SmsOtpFlow flow, string phoneNumber, string? passcode)
    {
        // Counted before the format check: a malformed code uses one of the flow's attempts too (checklist B-24). The
        // tenant's policy comes in the same store call, and is played the same for every number: no code reaches Mosaic
        // while it would be locked or has expired, and a number Mosaic does not know gets these answers at the same
        // moments (B-36).
        if (await RunThrottleAsync(throttle => throttle.ReserveAttemptAsync(phoneNumber, flow.FlowId, flow.CreatedAt + Options.FlowLifetime, SmsOtpCodePolicy.StateKeys(phoneNumber), Context.RequestAborted)) is not { } attempt)
        {
            return null;
        }

        var state = CodePolicy.StateFrom(attempt.Read, 0);
        if (state.Kind != SmsOtpCodeStateKind.Live && attempt.Decision.IsAllowed)
        {
            // A lock charges nothing; an expired code was charged with the rest, and nothing was checked.
            await SettleAttemptAsync(flow, SmsOtpAttemptResult.NotJudged);
        }

        if (state.Kind == SmsOtpCodeStateKind.Locked)
        {
            await Respond.RefuseAsync(SmsOtpFailures.CodeRefused(CodeValidationFailure.Locked, state.LockedFor), flow);
            return null;
        }

        if (state.Kind == SmsOtpCodeStateKind.NoCode)
        {
            await SetFlowFeatureAsync(flow);
            await Respond.RefuseAsync(SmsOtpFailures.CodeExpired, flow);
            return null;
        }

        if (!await PassesThrottleAsync(attempt.Decision, phoneNumber))
        {
            return null;
        }

        if (passcode is null)
        {
            await SettleAttemptAsync(flow, SmsOtpAttemptResult.NotWrong);
            await SetFlowFeatureAsync(flow);
            await Respond.RefuseAsync(SmsOtpFailures.CodeFormat, flow);
            return null;
        }

        ValidateSmsOutcome outcome;
        try
        {
            outcome = await mosaic.ValidateSmsAsync(Options, new ValidateSmsRequest { PhoneNumber = phoneNumber, Passcode = passcode, Nonce = flow.Nonce }, Context.RequestAborted);
        }
        catch (MosaicApiException ex)
        {
            // Mosaic did not judge the code: the attempt is given back (B-41), the policy is untouched.
            await SettleAttemptAsync(flow, SmsOtpAttemptResult.NotJudged);
            LogMosaicFailure(ex);
            return new SmsOtpValidationResult(null, SmsOtpFailures.FromMosaic(ex));
        }

        var masked = PhoneNumberMask.Mask(phoneNumber);
        if (outcome.Failure is { } failure)
        {
            metrics.CodeValidated(Scheme.Name, phoneNumber, failure, TimeSpan.Zero);
            MosaicSmsOtpLog.CodeRefused(Logger, masked, failure, outcome.Error?.ToRedactedString() ?? "-");
            // Every refusal is one wrong code, whatever Mosaic called it: "expired" and "locked" come only for numbers it
            // knows, so they must count and answer as a wrong code does (B-36). Not RequestAborted: a client that hangs
            // up once Mosaic has answered must not skip the count.
            await RecordInCodePolicyAsync(async policy => await policy.RecordWrongCodeAsync(phoneNumber, CancellationToken.None));
            await SettleAttemptAsync(flow, SmsOtpAttemptResult.WrongCode);
            await Events.CodeValidationFailed(new CodeValidationFailedContext(Context, Scheme, Options, flow.Properties, phoneNumber, failure));
            return new SmsOtpValidationResult(null, SmsOtpFailures.CodeWrong);
        }

        metrics.CodeValidated(Scheme.Name, phoneNumber, null, Time.GetUtcNow() - flow.CreatedAt);
        MosaicSmsOtpLog.CodeAccepted(Logger, masked);
        // The policy's right code and the attempt's settlement in one store call.
        await RecordInCodePolicyAsync(policy => policy.RecordRightCodeAsync(phoneNumber, SmsOtpThrottle.AttemptRefunds(phoneNumber, flow.FlowId, SmsOtpAttemptResult.RightCode), CancellationToken.None));
        return new SmsOtpValidationResult(outcome.Result, null);
    }

    /// <summary>Answers a code check, the first post's or one that waited on it.</summary>
    private async Task AnswerValidationAsync(SmsOtpFlow flow, string flowCookie, SmsOtpValidationResult result)
    {
        if (result.Result is { } resultUri)
        {
            // From now on a callback can be this flow's end (B-44).
            SmsOtpFlowCookie.WriteCodeAccepted(Context, Options, flow, flowCookie);
            Respond.SeeOtherToMosaic(resultUri);
            return;
        }

        await SetFlowFeatureAsync(flow);
        var failure = result.Failure!;
        if (failure == SmsOtpFailures.CodeWrong && Context.Features.Get<IMosaicSmsOtpFlowFeature>()!.AttemptsLeft == 0)
        {
            // No "try again" when the next code could not be checked: say so now, before Mosaic's lock would.
            var state = await CodePolicy.ReadAsync(flow.PhoneNumber!, Context.RequestAborted);
            failure = SmsOtpFailures.LastAttemptUsed(state.Kind == SmsOtpCodeStateKind.Locked ? state.LockedFor : TimeSpan.Zero);
        }

        await Respond.RefuseAsync(failure, flow);
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
        using var activity = MosaicSmsOtpActivitySource.StartStep("SmsOtp.Callback", Scheme.Name);
        var read = ReadFlow();
        if (read.Flow is not { HasCode: true } flow)
        {
            return SignInFailed("no_flow", SmsOtpSignInException.FlowLost(read.Problem), null, null);
        }

        activity?.SetTag(MosaicSmsOtpTags.CountryCode, CountryCallingCode.TagOf(flow.PhoneNumber));
        if (!SmsOtpFlowCookie.IsCodeAccepted(Context, Options, read.Value!))
        {
            // Mosaic sends the browser here only after it accepted the code (or from its own error path after that): any
            // other callback comes from a link elsewhere, and must not end, nor spend, the sign-in in progress (B-44).
            MosaicSmsOtpLog.CallbackBeforeCodeAccepted(Logger);
            metrics.SignIn(Scheme.Name, flow.PhoneNumber, "not_accepted");
            Respond.SeeOther(Options.VerifyPath);
            return HandleRequestResult.Handle();
        }

        // Single use: whatever happens next, this flow is spent, so a replayed callback finds no cookie.
        DropFlowCookie(start: false);
        DropFlowCookie(start: true);
        SmsOtpFlowCookie.DeleteCodeAccepted(Context, Options);
        var properties = flow.Properties;
        var query = Request.Query;
        if (query["error"].ToString() is { Length: > 0 } error)
        {
            var errorCode = LogValue.Token(error);
            MosaicSmsOtpLog.CallbackError(Logger, errorCode);
            if (errorCode == "access_denied")
            {
                var denied = await HandleAccessDeniedErrorAsync(properties);
                if (!denied.None)
                {
                    metrics.SignIn(Scheme.Name, flow.PhoneNumber, "access_denied");
                    return denied;
                }
            }

            return SignInFailed("mosaic_error", SmsOtpSignInException.Unverified($"Mosaic returned the error '{errorCode}'"), flow, properties);
        }

        var code = query["code"].ToString();
        if (code.Length is 0 or > 2048)
        {
            return SignInFailed("no_code", SmsOtpSignInException.Unverified("the callback carried no authorization code"), flow, properties);
        }

        // Spent on every instance until it ends, so a copy of the cookie cannot sign in again (checklist B-40).
        if (await ConsumeFlowAsync(flow) is { } spent)
        {
            return SignInFailed(spent.ErrorType, spent.Failure, flow, properties);
        }

        MosaicTokenResponse tokens;
        try
        {
            tokens = await mosaic.ExchangeCodeAsync(Options, code, BuildCallbackUri(), Context.RequestAborted);
        }
        catch (MosaicApiException ex)
        {
            return SignInFailed("exchange_failed", SmsOtpSignInException.FromMosaic(ex), flow, properties);
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
            return SignInFailed("invalid_id_token", SmsOtpSignInException.Unverified("the ID token was refused: " + ex.Message), flow, properties);
        }
        catch (MosaicApiException ex)
        {
            return SignInFailed("keys_unavailable", SmsOtpSignInException.FromMosaic(ex), flow, properties);
        }

        var identity = MosaicSmsOtpClaimsFactory.CreateIdentity(validated.Token, Scheme.Name, ClaimsIssuer);
        var principal = new System.Security.Claims.ClaimsPrincipal(identity);
        var tokenValidated = new TokenValidatedContext(Context, Scheme, Options, principal, properties, validated.Token, tokens);
        await Events.TokenValidated(tokenValidated);
        if (tokenValidated.Result is { } eventResult)
        {
            metrics.SignIn(Scheme.Name, flow.PhoneNumber, eventResult.Succeeded ? null : "rejected_by_app");
            return eventResult;
        }

        if (Options.SaveTokens)
        {
            properties.StoreTokens(TokensToSave(tokens));
        }

        var creatingTicket = new CreatingTicketContext(Context, Scheme, Options, tokenValidated.Principal!, properties, validated.Token, tokens);
        await Events.CreatingTicket(creatingTicket);

        metrics.SignIn(Scheme.Name, flow.PhoneNumber, null);
        MosaicSmsOtpLog.SignedIn(Logger, validated.Token.Subject);
        SmsOtpSignInMarker.Write(Context, Options, Time.GetUtcNow());
        return HandleRequestResult.Success(new AuthenticationTicket(creatingTicket.Principal!, creatingTicket.Properties, Scheme.Name));
    }

    // ---------------------------------------------------------------- a sign-in that did not stick

    /// <summary>The first request the sign-in scheme authenticates after a callback proves the session stuck.</summary>
    private async Task ForgetCompletedSignInOnceItSticksAsync()
    {
        if (SmsOtpSignInMarker.IsPresent(Context, Options) && (await Context.AuthenticateAsync(Options.SignInScheme)).Succeeded)
        {
            SmsOtpSignInMarker.Delete(Context, Options);
        }
    }

    private async Task RespondToSignInThatDidNotStickAsync()
    {
        SmsOtpSignInMarker.Delete(Context, Options);
        // A session that arrived but did not authenticate this request is the app's pipeline; none is the browser's cookie jar.
        var arrived = (await Context.AuthenticateAsync(Options.SignInScheme)).Succeeded;
        if (arrived)
        {
            MosaicSmsOtpLog.SignInNotReadBack(Logger, Options.SignInScheme ?? "(default)", Request.Path.Value ?? "/");
        }
        else
        {
            MosaicSmsOtpLog.SignInNotStored(Logger, Options.SignInScheme ?? "(default)", Request.Path.Value ?? "/");
        }

        Response.Headers.CacheControl = "no-store";
        await Respond.RefuseAsync(SmsOtpFailures.SignInDidNotStick);
    }

    /// <summary>Counts and marks a callback that did not sign in, and fails it with <paramref name="failure"/>.</summary>
    private HandleRequestResult SignInFailed(string errorType, SmsOtpSignInException failure, SmsOtpFlow? flow, AuthenticationProperties? properties)
    {
        metrics.SignIn(Scheme.Name, flow?.PhoneNumber, errorType);
        MosaicSmsOtpActivitySource.Fail(errorType);
        return HandleRequestResult.Fail(failure, properties);
    }

    // ---------------------------------------------------------------- shared steps

    private SmsOtpThrottle Throttle => throttles.For(Options);

    private SmsOtpCodePolicy CodePolicy => _codePolicy ??= new(throttles.Store, Options.CodePolicy, Time);

    /// <summary>Tells the code page (built-in or the app's) how many codes may still be tried and when a new one may be sent.</summary>
    private async Task SetFlowFeatureAsync(SmsOtpFlow flow)
    {
        var phoneNumber = flow.PhoneNumber!;
        // The policy's and the throttle's counters in one store call (one Redis round trip).
        var policyKeys = SmsOtpCodePolicy.StateKeys(phoneNumber);
        IReadOnlyList<SmsOtpThrottleCounter?> counters;
        try
        {
            counters = await throttles.Store.ReadAsync(Context.RequestAborted, [.. policyKeys, .. SmsOtpThrottle.FlowLimitKeys(phoneNumber, flow.FlowId)]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only the page's hints are lost: the next POST meets the store's failure and answers it.
            MosaicSmsOtpLog.ThrottleStoreFailed(Logger, ex);
            return;
        }

        var state = CodePolicy.StateFrom(counters, 0);
        var (throttleAttemptsLeft, resendIn) = Throttle.FlowLimitsFrom(counters, policyKeys.Length);
        var attemptsLeft = state.Kind == SmsOtpCodeStateKind.Locked ? 0 : Math.Min(state.LockoutAttemptsLeft, throttleAttemptsLeft);
        Context.Features.Set<IMosaicSmsOtpFlowFeature>(new MosaicSmsOtpFlowFeature(PhoneNumberMask.Mask(phoneNumber), attemptsLeft, state.LockedFor > resendIn ? state.LockedFor : resendIn));
    }

    /// <summary>
    /// Runs a send, resend or code check and, with <see cref="MosaicSmsOtpOptions.ResponseFloor"/> set, holds its answer
    /// until the floor has passed since the request came in, so that Mosaic's timing does not pass through (B-47).
    /// </summary>
    private async Task<bool> WithResponseFloorAsync(Func<Task<bool>> handle)
    {
        if (Options.ResponseFloor is not { } floor || !HttpMethods.IsPost(Request.Method))
        {
            return await handle();
        }

        var started = Time.GetTimestamp();
        // The answer (a page of a few KiB at most) is held in memory until the floor has passed: nothing reaches the
        // client earlier, not even the status line.
        var body = Response.Body;
        using var held = new MemoryStream();
        Response.Body = held;
        bool handled;
        try
        {
            handled = await handle();
        }
        finally
        {
            Response.Body = body;
        }

        var remaining = floor - Time.GetElapsedTime(started);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, Time, CancellationToken.None);
        }

        held.Position = 0;
        await held.CopyToAsync(body, Context.RequestAborted);
        return handled;
    }

    private SmsOtpResponder Respond => _responder ??= new(Context, Options, OriginalPathBase, antiforgery, pages, Forms);

    private SmsOtpFormBinding Forms => _forms ??= new(Context, Options);

    private void DropFlowCookie(bool start)
    {
        SmsOtpFlowCookie.Delete(Context, Options, start);
        Forms.Deleted(start);
    }

    /// <summary>Writes a flow cookie, and binds the forms this response renders to it.</summary>
    private void WriteFlowCookie(SmsOtpFlow flow, string protectedFlow, bool start)
    {
        SmsOtpFlowCookie.Write(Context, Options, flow, protectedFlow, start);
        Forms.Wrote(protectedFlow, start);
    }

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

    /// <summary>The flow's cookie value; a return URL too large for it falls back to the root (B-38).</summary>
    private string? ProtectToFit(SmsOtpFlow flow)
    {
        var protectedFlow = SmsOtpFlowCookie.ProtectToFit(Options, flow, LocalReturnUrl.Root(OriginalPathBase), out var replaced);
        if (replaced)
        {
            MosaicSmsOtpLog.ReturnUrlTooLarge(Logger);
        }

        if (protectedFlow is null)
        {
            MosaicSmsOtpLog.FlowTooLarge(Logger, Scheme.Name);
        }

        return protectedFlow;
    }

    private SmsOtpFlowReadResult ReadFlow(bool expected = true)
    {
        var read = SmsOtpFlowCookie.Read(Context, Options, Time.GetUtcNow());
        switch (read.Problem)
        {
            case SmsOtpFlowProblem.Missing when expected:
                MosaicSmsOtpLog.FlowCookieMissing(Logger, SmsOtpFlowCookie.NameOf(Context, Options), Request.Path.Value ?? "/");
                break;
            case SmsOtpFlowProblem.Unreadable:
                MosaicSmsOtpLog.FlowCookieUnreadable(Logger, SmsOtpFlowCookie.NameOf(Context, Options));
                break;
            case SmsOtpFlowProblem.Expired:
                MosaicSmsOtpLog.FlowExpired(Logger);
                break;
        }

        return read;
    }

    /// <summary>The flow of a POST to the code page or resend; without one, the user is told to start again.</summary>
    private async Task<SmsOtpFlow?> RequireFlowWithCodeAsync(SmsOtpFlowReadResult read)
    {
        if (read.Flow is { HasCode: true } flow)
        {
            return flow;
        }

        await Respond.RefuseAsync(SmsOtpFailures.FlowLost);
        return null;
    }

    /// <param name="boundCookie">The genuine flow cookie's protected value the form's token must be bound to, if any.</param>
    /// <param name="whenStale">The answer when every check passed but the form's token was made for another flow cookie (else the generic refusal).</param>
    private async Task<bool> PassesPostGuardAsync(string? boundCookie, SmsOtpFailure? whenStale = null)
    {
        var check = await SmsOtpPostGuard.CheckAsync(Context, antiforgery, Options.MaxRequestBodySize, Options.RedirectUri, boundCookie);
        if (check.IsPassed)
        {
            return true;
        }

        MosaicSmsOtpLog.RequestRefused(Logger, Request.Path.Value ?? "/", check.Reason!);
        await Respond.RefuseAsync(check.StaleToken && whenStale is not null ? whenStale : SmsOtpFailures.RequestRefused(check.StatusCode));
        return false;
    }

    /// <summary>
    /// Runs a throttle check; when it refuses (and no Throttling handler lets the request through), or when the store
    /// behind it fails, the request has been answered and the result is false.
    /// </summary>
    private async Task<bool> AllowedByThrottleAsync(Func<SmsOtpThrottle, ValueTask<SmsOtpThrottleDecision>> check, string phoneNumber, SmsOtpFlow? flow = null)
        => await RunThrottleAsync(check) is { } decision && await PassesThrottleAsync(decision, phoneNumber, flow);

    /// <summary>Runs a throttle call; null when the store behind it failed, and the request has been answered.</summary>
    private async Task<T?> RunThrottleAsync<T>(Func<SmsOtpThrottle, ValueTask<T>> call)
        where T : struct
    {
        try
        {
            return await call(Throttle);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A shared store (Redis, a database) can be down or full; fail closed, with a page rather than a 500.
            MosaicSmsOtpLog.ThrottleStoreFailed(Logger, ex);
            await Respond.RefuseAsync(SmsOtpFailures.ThrottleStoreFailed);
            return null;
        }
    }

    /// <summary>
    /// Lets an allowed decision through; a refusal too when a Throttling handler lets the request through. Otherwise the
    /// request has been answered and the result is false.
    /// </summary>
    private async Task<bool> PassesThrottleAsync(SmsOtpThrottleDecision decision, string phoneNumber, SmsOtpFlow? flow = null)
    {
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

        metrics.Throttled(Scheme.Name, phoneNumber, decision.Reason);
        MosaicSmsOtpLog.Throttled(Logger, Request.Path.Value ?? "/", decision.Reason.ToString(), decision.RetryAfter.TotalSeconds);
        if (decision.Reason == SmsOtpThrottleReason.GlobalHourlyBudget)
        {
            MosaicSmsOtpLog.GlobalBudgetExhausted(Logger, Time.GetUtcNow() + decision.RetryAfter);
        }

        if (flow is not null)
        {
            // The code page it lands on says how long until a new code may be sent.
            await SetFlowFeatureAsync(flow);
        }

        await Respond.RefuseAsync(SmsOtpFailures.Throttled(decision), flow);
        return false;
    }

    /// <summary>Records what Mosaic answered in the tenant's policy; the step has happened, so a store failure is logged, not answered.</summary>
    private async Task RecordInCodePolicyAsync(Func<SmsOtpCodePolicy, ValueTask> record)
    {
        try
        {
            await record(CodePolicy);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            MosaicSmsOtpLog.ThrottleStoreFailed(Logger, ex);
        }
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
    private async Task<(string ErrorType, SmsOtpSignInException Failure)?> ConsumeFlowAsync(SmsOtpFlow flow)
    {
        try
        {
            if ((await Throttle.ConsumeFlowAsync(flow.FlowId, flow.CreatedAt + Options.FlowLifetime, Context.RequestAborted)).IsAllowed)
            {
                return null;
            }

            return ("flow_spent", SmsOtpSignInException.FlowSpent());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            MosaicSmsOtpLog.ThrottleStoreFailed(Logger, ex);
            return ("store_failed", SmsOtpSignInException.StoreUnavailable(ex));
        }
    }

    private Task RespondToMosaicFailureAsync(MosaicApiException failure)
    {
        LogMosaicFailure(failure);
        return Respond.RefuseAsync(SmsOtpFailures.FromMosaic(failure));
    }

    private void LogMosaicFailure(MosaicApiException failure)
    {
        if (failure.Kind == MosaicFailureKind.Rejected)
        {
            // Mosaic refused a request the handler built: the app's setup in Mosaic, not the user, needs attention.
            MosaicSmsOtpLog.MosaicRejectedRequest(Logger, failure.Operation, failure.Error?.ToRedactedString() ?? "-", failure);
        }
        else
        {
            MosaicSmsOtpLog.MosaicCallFailed(Logger, failure.Operation, failure.Kind.ToString(), failure.Error?.ToRedactedString() ?? "-", failure);
        }
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
