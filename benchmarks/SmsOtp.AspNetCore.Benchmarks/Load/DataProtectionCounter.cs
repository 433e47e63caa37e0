using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace SmsOtp.AspNetCore.Benchmarks.Load;

/// <summary>One app's Data Protection operations, in total and per purpose chain.</summary>
internal sealed class DataProtectionCounter
{
    private readonly ConcurrentDictionary<string, Purpose> _purposes = new(StringComparer.Ordinal);

    public long Protects => _purposes.Values.Sum(p => p.Protects);

    public long Unprotects => _purposes.Values.Sum(p => p.Unprotects);

    public long Total => Protects + Unprotects;

    public IEnumerable<Purpose> Purposes => _purposes.Values.Where(p => p.Protects + p.Unprotects > 0).OrderBy(p => p.Name, StringComparer.Ordinal);

    /// <summary>Replaces the app's <see cref="IDataProtectionProvider"/> (registered by <c>AddDataProtection</c>) with a counting one around it.</summary>
    public void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
        services.Remove(registered);
        services.AddSingleton<IDataProtectionProvider>(provider => new CountingDataProtectionProvider(Resolve(registered, provider), this));
    }

    public Purpose For(string name) => _purposes.GetOrAdd(name, static n => new Purpose(n));

    public DataProtectionSnapshot Snapshot() => new(Protects, Unprotects, Purposes.ToDictionary(p => p.Name, p => (p.Protects, p.Unprotects), StringComparer.Ordinal));

    private static IDataProtectionProvider Resolve(ServiceDescriptor descriptor, IServiceProvider provider) => (IDataProtectionProvider)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

    /// <summary>The counts of one purpose chain.</summary>
    internal sealed class Purpose(string name)
    {
        private long _protects;
        private long _unprotects;

        public string Name { get; } = name;

        public long Protects => Interlocked.Read(ref _protects);

        public long Unprotects => Interlocked.Read(ref _unprotects);

        public void CountProtect() => Interlocked.Increment(ref _protects);

        public void CountUnprotect() => Interlocked.Increment(ref _unprotects);
    }
}

/// <summary>The counts at one moment, to subtract from a later one.</summary>
internal sealed record DataProtectionSnapshot(long Protects, long Unprotects, IReadOnlyDictionary<string, (long Protects, long Unprotects)> ByPurpose)
{
    public long Total => Protects + Unprotects;
}
