namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// The SMS messages the emulator sent, in memory, so tests can read the codes.
/// </summary>
/// <remarks>
/// Holds the newest <see cref="Capacity"/> messages; older ones are dropped so a long-running emulator stays bounded.
/// </remarks>
public sealed class MosaicEmulatorOutbox
{
    /// <summary>The number of messages kept.</summary>
    public const int Capacity = 1000;

    private readonly Lock _lock = new();
    private readonly LinkedList<Entry> _messages = new();
    private readonly Dictionary<string, long> _lastWaitedSequence = new(StringComparer.Ordinal);
    private readonly List<Waiter> _waiters = [];
    private long _sequence;

    internal MosaicEmulatorOutbox()
    {
    }

    /// <summary>Returns the messages, newest first, optionally only those sent to <paramref name="phoneNumber"/>.</summary>
    /// <param name="phoneNumber">An E.164 number, or <see langword="null"/> for all messages.</param>
    /// <returns>The messages, newest first.</returns>
    public IReadOnlyList<MosaicEmulatorSms> GetMessages(string? phoneNumber = null)
    {
        lock (_lock)
        {
            var result = new List<MosaicEmulatorSms>();
            for (var node = _messages.Last; node is not null; node = node.Previous)
            {
                if (phoneNumber is null || string.Equals(node.Value.Sms.PhoneNumber, phoneNumber, StringComparison.Ordinal))
                {
                    result.Add(node.Value.Sms);
                }
            }

            return result;
        }
    }

    /// <summary>Returns the newest message sent to <paramref name="phoneNumber"/>, or <see langword="null"/>.</summary>
    /// <param name="phoneNumber">An E.164 number.</param>
    /// <returns>The newest message, or <see langword="null"/> when none was sent.</returns>
    public MosaicEmulatorSms? GetLatest(string phoneNumber)
    {
        ArgumentNullException.ThrowIfNull(phoneNumber);
        lock (_lock)
        {
            return FindNewest(phoneNumber, afterSequence: 0)?.Sms;
        }
    }

    /// <summary>
    /// Waits for an SMS to <paramref name="phoneNumber"/> without polling.
    /// </summary>
    /// <remarks>
    /// Completes at once with the newest message to that number that arrived after the message returned by the
    /// previous wait for the same number (or since the outbox was created or cleared); otherwise completes with the
    /// next message that arrives. So "send, then wait" never misses the message, and after a resend the wait returns
    /// the newest (the only valid) code.
    /// </remarks>
    /// <param name="phoneNumber">An E.164 number.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The message.</returns>
    public Task<MosaicEmulatorSms> WaitForMessageAsync(string phoneNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phoneNumber);
        lock (_lock)
        {
            var after = _lastWaitedSequence.GetValueOrDefault(phoneNumber);
            if (FindNewest(phoneNumber, after) is { } entry)
            {
                _lastWaitedSequence[phoneNumber] = entry.Sequence;
                return Task.FromResult(entry.Sms);
            }

            var waiter = new Waiter(phoneNumber, new TaskCompletionSource<MosaicEmulatorSms>(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                var registration = cancellationToken.Register(() =>
                {
                    lock (_lock)
                    {
                        _waiters.Remove(waiter);
                    }

                    waiter.Completion.TrySetCanceled(cancellationToken);
                });
                _ = waiter.Completion.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return waiter.Completion.Task;
        }
    }

    /// <summary>Removes all messages and forgets what earlier waits returned.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _messages.Clear();
            _lastWaitedSequence.Clear();
        }
    }

    internal void Add(MosaicEmulatorSms sms)
    {
        List<Waiter>? completed = null;
        lock (_lock)
        {
            var entry = new Entry(++_sequence, sms);
            _messages.AddLast(entry);
            if (_messages.Count > Capacity)
            {
                _messages.RemoveFirst();
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (string.Equals(_waiters[i].PhoneNumber, sms.PhoneNumber, StringComparison.Ordinal))
                {
                    (completed ??= []).Add(_waiters[i]);
                    _waiters.RemoveAt(i);
                }
            }

            if (completed is not null)
            {
                _lastWaitedSequence[sms.PhoneNumber] = entry.Sequence;
            }
        }

        // Completed outside the lock: continuations run asynchronously anyway, but this keeps the lock short.
        foreach (var waiter in completed ?? [])
        {
            waiter.Completion.TrySetResult(sms);
        }
    }

    private Entry? FindNewest(string phoneNumber, long afterSequence)
    {
        for (var node = _messages.Last; node is not null && node.Value.Sequence > afterSequence; node = node.Previous)
        {
            if (string.Equals(node.Value.Sms.PhoneNumber, phoneNumber, StringComparison.Ordinal))
            {
                return node.Value;
            }
        }

        return null;
    }

    private sealed record Entry(long Sequence, MosaicEmulatorSms Sms);

    private sealed record Waiter(string PhoneNumber, TaskCompletionSource<MosaicEmulatorSms> Completion);
}
