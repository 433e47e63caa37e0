namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// The faults the emulator injects: per endpoint, and into the ID tokens it issues.
/// </summary>
public sealed class MosaicEmulatorFaults
{
    private readonly Lock _lock = new();
    private readonly Dictionary<MosaicEmulatorEndpoint, Armed> _faults = [];
    private int _idTokenFault;

    internal MosaicEmulatorFaults()
    {
    }

    /// <summary>The defects built into every ID token issued from now on. Defaults to <see cref="MosaicEmulatorIdTokenFault.None"/>.</summary>
    public MosaicEmulatorIdTokenFault IdToken
    {
        get => (MosaicEmulatorIdTokenFault)Volatile.Read(ref _idTokenFault);
        set => Volatile.Write(ref _idTokenFault, (int)value);
    }

    /// <summary>Makes <paramref name="endpoint"/> answer with <paramref name="fault"/>, replacing any earlier fault there.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="fault">The fault; it is copied, so later changes to it have no effect.</param>
    public void Set(MosaicEmulatorEndpoint endpoint, MosaicEmulatorFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Times is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fault), "Times must be positive, or null for 'until cleared'.");
        }

        var copy = new MosaicEmulatorFault
        {
            StatusCode = fault.StatusCode,
            RetryAfter = fault.RetryAfter,
            Delay = fault.Delay,
            MalformedBody = fault.MalformedBody,
            Times = fault.Times,
        };
        lock (_lock)
        {
            _faults[endpoint] = new Armed(copy, fault.Times);
        }
    }

    /// <summary>Removes every endpoint fault and resets <see cref="IdToken"/> to <see cref="MosaicEmulatorIdTokenFault.None"/>.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _faults.Clear();
        }

        IdToken = MosaicEmulatorIdTokenFault.None;
    }

    /// <summary>Takes one use of the fault armed on <paramref name="endpoint"/>, if any.</summary>
    internal MosaicEmulatorFault? Take(MosaicEmulatorEndpoint endpoint)
    {
        lock (_lock)
        {
            if (!_faults.TryGetValue(endpoint, out var armed))
            {
                return null;
            }

            if (armed.Remaining is { } remaining)
            {
                if (remaining <= 1)
                {
                    _faults.Remove(endpoint);
                }
                else
                {
                    armed.Remaining = remaining - 1;
                }
            }

            return armed.Fault;
        }
    }

    private sealed class Armed(MosaicEmulatorFault fault, int? remaining)
    {
        public MosaicEmulatorFault Fault { get; } = fault;

        public int? Remaining { get; set; } = remaining;
    }
}
