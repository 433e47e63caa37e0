using Microsoft.Extensions.Localization;

namespace SmsOtp.AspNetCore.Localization;

/// <summary>
/// The pages' strings: the app's resources (<see cref="MosaicSmsOtpPagesOptions.StringResources"/>) first, then the
/// package's. Both follow <see cref="System.Globalization.CultureInfo.CurrentUICulture"/>, which the app's
/// <c>UseRequestLocalization</c> sets per request.
/// </summary>
internal sealed class SmsOtpStringLocalizer(IStringLocalizer? app, IStringLocalizer package) : IStringLocalizer
{
    public LocalizedString this[string name] => app?[name] is { ResourceNotFound: false } found ? found : package[name];

    public LocalizedString this[string name, params object[] arguments]
        => app?[name, arguments] is { ResourceNotFound: false } found ? found : package[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        var overridden = app?.GetAllStrings(includeParentCultures).ToDictionary(s => s.Name, StringComparer.Ordinal) ?? [];
        return overridden.Values.Concat(package.GetAllStrings(includeParentCultures).Where(s => !overridden.ContainsKey(s.Name)));
    }
}
