using System.Collections.Concurrent;
using System.Security.Claims;

namespace SmsOtp.AspNetCore.Testing.SignIn;

/// <summary>
/// The principals apps signed in, per test browser: the app's <c>OnTicketReceived</c> (wrapped by
/// <c>UseMosaicEmulator</c>) records them under the browser id header each <see cref="MosaicTestBrowser"/> sends.
/// </summary>
internal sealed class SignInRecorder
{
    public const string BrowserIdHeader = "X-Mosaic-Emulator-Browser";

    private readonly ConcurrentDictionary<string, ClaimsPrincipal> _principals = new(StringComparer.Ordinal);

    public void Record(string browserId, ClaimsPrincipal principal) => _principals[browserId] = principal;

    public ClaimsPrincipal? Take(string browserId) => _principals.TryRemove(browserId, out var principal) ? principal : null;
}
