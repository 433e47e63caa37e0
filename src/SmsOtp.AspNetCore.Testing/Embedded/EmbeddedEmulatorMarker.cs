namespace SmsOtp.AspNetCore.Testing.Embedded;

/// <summary>Registered only when <c>AddMosaicEmulatorWhenNoTenant</c> chose the embedded emulator: what the map step reads.</summary>
internal sealed record EmbeddedEmulatorMarker(string Scheme, string TenantSection)
{
    private int _clientIdInCodeReplaced;

    /// <summary>
    /// Whether the scheme had a <c>ClientId</c> set in code that the emulator's client replaced: the embedded mode is chosen
    /// from configuration only, so the start-up warning says so rather than leaving that code silently unused.
    /// </summary>
    public bool ClientIdInCodeReplaced => Volatile.Read(ref _clientIdInCodeReplaced) == 1;

    public void ReplacedClientIdInCode() => Volatile.Write(ref _clientIdInCodeReplaced, 1);
}
