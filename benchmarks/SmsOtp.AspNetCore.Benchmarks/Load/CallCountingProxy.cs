using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;

namespace SmsOtp.AspNetCore.Benchmarks.Load;

/// <summary>
/// Counts the calls made to an app's service of interface <typeparamref name="T"/> (the throttle store), whatever its
/// methods are, by putting a <see cref="DispatchProxy"/> in front of the registered implementation.
/// </summary>
internal class CallCountingProxy<T> : DispatchProxy
    where T : class
{
    private T _inner = null!;
    private StrongBox<long> _calls = null!;

    /// <summary>Replaces the registration of <typeparamref name="T"/>, if there is one, with a counting proxy around it.</summary>
    public static void Decorate(IServiceCollection services, StrongBox<long> calls)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(T));
        if (registered is null)
        {
            return;
        }

        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(typeof(T), provider =>
        {
            var inner = (T)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));
            var proxy = Create<T, CallCountingProxy<T>>();
            var counting = (CallCountingProxy<T>)(object)proxy;
            counting._inner = inner;
            counting._calls = calls;
            return proxy;
        }, registered.Lifetime));
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        Interlocked.Increment(ref _calls.Value);
        try
        {
            return targetMethod!.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
