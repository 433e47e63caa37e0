using Microsoft.AspNetCore.DataProtection;

namespace SmsOtp.AspNetCore.Benchmarks.Load;

/// <summary>
/// Wraps an app's <see cref="IDataProtectionProvider"/> and counts every <c>Protect</c> and <c>Unprotect</c> made
/// through it, per purpose chain, so that a sign-in's Data Protection operations can be counted and named.
/// </summary>
internal sealed class CountingDataProtectionProvider(IDataProtectionProvider inner, DataProtectionCounter counter) : IDataProtectionProvider
{
    public IDataProtector CreateProtector(string purpose) => new CountingDataProtector(inner.CreateProtector(purpose), counter.For(purpose), counter);
}

/// <summary>A protector that counts its operations, and whose children count under their own purpose chain.</summary>
internal sealed class CountingDataProtector(IDataProtector inner, DataProtectionCounter.Purpose purpose, DataProtectionCounter counter) : IDataProtector
{
    public IDataProtector CreateProtector(string child) => new CountingDataProtector(inner.CreateProtector(child), counter.For(purpose.Name + " / " + child), counter);

    public byte[] Protect(byte[] plaintext)
    {
        purpose.CountProtect();
        return inner.Protect(plaintext);
    }

    public byte[] Unprotect(byte[] protectedData)
    {
        purpose.CountUnprotect();
        return inner.Unprotect(protectedData);
    }
}
