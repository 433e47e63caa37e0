using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using SmsOtp.AspNetCore.Localization;

namespace SmsOtp.AspNetCore.Pages;

/// <summary>
/// The three pages as the handler asks for them: each page's model (text in the request's culture, the app's branding,
/// a script nonce), rendered with the app's component where it set one, written with the pages' headers.
/// </summary>
internal sealed class SmsOtpPages(SmsOtpPageRenderer renderer, SmsOtpLocalization localization)
{
    /// <summary>The strings of a scheme's pages in the request's culture.</summary>
    public IStringLocalizer Strings(MosaicSmsOtpOptions options) => localization.For(options.Pages);

    public Task WritePhonePageAsync(HttpContext context, MosaicSmsOtpOptions options, int statusCode, string action, SmsOtpAntiforgeryField antiforgery, string? phoneNumber, string? error, string? notice, string? returnUrl)
    {
        var common = Common(options);
        return WriteAsync(context, options, statusCode, options.Pages.PhonePage, typeof(SmsOtpPhonePage), new SmsOtpPhonePageModel
        {
            Title = common.Strings["PhoneTitle"],
            DisplayName = common.Pages.DisplayName,
            LogoUrl = common.Pages.LogoUrl,
            HomeUrl = common.Pages.HomeUrl,
            Language = common.Language,
            IsRightToLeft = common.RightToLeft,
            Strings = common.Strings,
            ScriptNonce = common.Nonce,
            Action = action,
            Antiforgery = antiforgery,
            PhoneNumber = phoneNumber,
            Error = error,
            Notice = notice,
            ReturnUrl = returnUrl,
        });
    }

    public Task WriteCodePageAsync(HttpContext context, MosaicSmsOtpOptions options, int statusCode, SmsOtpCodePageModelParts parts)
    {
        var common = Common(options);
        return WriteAsync(context, options, statusCode, options.Pages.CodePage, typeof(SmsOtpCodePage), new SmsOtpCodePageModel
        {
            Title = common.Strings["CodeTitle"],
            DisplayName = common.Pages.DisplayName,
            LogoUrl = common.Pages.LogoUrl,
            HomeUrl = common.Pages.HomeUrl,
            Language = common.Language,
            IsRightToLeft = common.RightToLeft,
            Strings = common.Strings,
            ScriptNonce = common.Nonce,
            VerifyAction = parts.VerifyAction,
            ResendAction = parts.ResendAction,
            ChangeNumberHref = parts.ChangeNumberHref,
            Antiforgery = parts.Antiforgery,
            MaskedPhoneNumber = parts.MaskedPhoneNumber,
            Error = parts.Error,
            Notice = parts.Notice,
            OfferResend = parts.OfferResend,
            AttemptsLeft = parts.AttemptsLeft,
            ResendAvailableIn = parts.ResendAvailableIn,
            ReturnUrl = parts.ReturnUrl,
            WebOtp = options.Pages.WebOtp,
        });
    }

    public Task WriteMessagePageAsync(HttpContext context, MosaicSmsOtpOptions options, int statusCode, string title, string message, string? linkHref, string? linkText, TimeSpan? retryAfter)
    {
        var common = Common(options);
        return WriteAsync(context, options, statusCode, options.Pages.MessagePage, typeof(SmsOtpMessagePage), new SmsOtpMessagePageModel
        {
            Title = title,
            DisplayName = common.Pages.DisplayName,
            LogoUrl = common.Pages.LogoUrl,
            HomeUrl = common.Pages.HomeUrl,
            Language = common.Language,
            IsRightToLeft = common.RightToLeft,
            Strings = common.Strings,
            ScriptNonce = common.Nonce,
            Message = message,
            LinkHref = linkHref,
            LinkText = linkText,
            RetryAfter = retryAfter,
        });
    }

    private Task WriteAsync(HttpContext context, MosaicSmsOtpOptions options, int statusCode, Type? appPage, Type builtInPage, SmsOtpPageModel model)
        => renderer.RenderToResponseAsync(
            context,
            model,
            appPage ?? builtInPage,
            appPage is null,
            options.Pages,
            started => SmsOtpPageWriter.StartResponse(started, statusCode, options, model.ScriptNonce));

    private CommonParts Common(MosaicSmsOtpOptions options)
    {
        var strings = localization.For(options.Pages);
        var (language, rightToLeft) = SmsOtpLocalization.LanguageOf(strings);
        return new CommonParts(options.Pages, strings, language, rightToLeft, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
    }

    private readonly record struct CommonParts(MosaicSmsOtpPagesOptions Pages, IStringLocalizer Strings, string Language, bool RightToLeft, string Nonce);
}
