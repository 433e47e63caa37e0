using Microsoft.AspNetCore.DataProtection;

namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Counts the app's Data Protection operations: wraps the registered <see cref="IDataProtectionProvider"/> (register
/// with <see cref="Decorate"/> after <c>AddDataProtection</c>), and every protector made from it, children included.
/// </summary>
internal sealed class CountingDataProtectionProvider(IDataProtectionProvider inner, DataProtectionCount count) : IDataProtectionProvider
{
    public static DataProtectionCount Decorate(IServiceCollection services)
    {
        var count = new DataProtectionCount();
        var registered = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
        services.Remove(registered);
        services.AddSingleton<IDataProtectionProvider>(provider => new CountingDataProtectionProvider(
            (IDataProtectionProvider)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!)),
            count));
        return count;
    }

    public IDataProtector CreateProtector(string purpose) => new CountingProtector(inner.CreateProtector(purpose), count);

    private sealed class CountingProtector(IDataProtector inner, DataProtectionCount count) : IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => new CountingProtector(inner.CreateProtector(purpose), count);

        public byte[] Protect(byte[] plaintext)
        {
            Interlocked.Increment(ref count.Protects);
            return inner.Protect(plaintext);
        }

        public byte[] Unprotect(byte[] protectedData)
        {
            Interlocked.Increment(ref count.Unprotects);
            return inner.Unprotect(protectedData);
        }
    }
}

/// <summary>The operations counted so far.</summary>
internal sealed class DataProtectionCount
{
    public int Protects;
    public int Unprotects;

    public int Total => Volatile.Read(ref Protects) + Volatile.Read(ref Unprotects);
}
