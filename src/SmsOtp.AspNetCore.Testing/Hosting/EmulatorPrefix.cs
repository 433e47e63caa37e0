namespace SmsOtp.AspNetCore.Testing.Hosting;

/// <summary>Endpoint metadata: the prefix the emulator was mapped under, needed to build absolute URLs.</summary>
internal sealed record EmulatorPrefix(string Value);
