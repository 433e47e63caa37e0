namespace SmsOtp.AspNetCore.Testing.Embedded;

/// <summary>Registered only when <c>AddMosaicEmulatorWhenNoTenant</c> chose the embedded emulator: what the map step reads.</summary>
internal sealed record EmbeddedEmulatorMarker(string Scheme, string TenantSection);
