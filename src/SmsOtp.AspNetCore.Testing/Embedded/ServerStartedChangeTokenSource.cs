using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace SmsOtp.AspNetCore.Testing.Embedded;

/// <summary>
/// Tells the options system that the SMS handler's options change once, when the server has started: the ones built
/// for start-up validation could not know the app's own address (see <see cref="EmbeddedMosaicOptions"/>), so the
/// options monitor drops them and the first request builds them again.
/// </summary>
internal sealed class ServerStartedChangeTokenSource(string scheme, IHostApplicationLifetime lifetime) : IOptionsChangeTokenSource<MosaicSmsOtpOptions>
{
    // After the one change, a token that never fires: the monitor asks for a new token after each change, and an
    // already-fired token would call it back at once, forever.
    private static readonly IChangeToken Never = new CancellationChangeToken(CancellationToken.None);

    public string Name => scheme;

    public IChangeToken GetChangeToken() =>
        lifetime.ApplicationStarted.IsCancellationRequested ? Never : new CancellationChangeToken(lifetime.ApplicationStarted);
}
