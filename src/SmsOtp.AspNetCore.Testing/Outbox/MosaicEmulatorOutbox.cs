namespace SmsOtp.AspNetCore.Testing;

/// <summary>
/// The SMS messages the emulator sent, in memory, so tests can read the codes; and the sends it did not deliver
/// ("not delivered: reason" entries), so a test that waits for a code learns at once why none will come.
/// </summary>
/// <remarks>
/// Holds the newest <see cref="Capacity"/> entries; older ones are dropped so a long-running emulator stays bounded.
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

    /// <summary>Returns the delivered messages, newest first, optionally only those sent to <paramref name="phoneNumber"/>.</summary>
    /// <param name="phoneNumber">An E.164 number, or <see langword="null"/> for all messages.</param>
    /// <returns>The messages, newest first.</returns>
    public IReadOnlyList<MosaicEmulatorSms> GetMessages(string? phoneNumber = null) => Collect(phoneNumber, includeUndelivered: false);

    /// <summary>
    /// Returns every send, newest first: the delivered messages and the "not delivered" entries
    /// (<see cref="MosaicEmulatorSms.NotDeliveredReason"/>), optionally only those to <paramref name="phoneNumber"/>.
    /// </summary>
    /// <param name="phoneNumber">An E.164 number, or <see langword="null"/> for all sends.</param>
    /// <returns>The sends, newest first.</returns>
    public IReadOnlyList<MosaicEmulatorSms> GetSendAttempts(string? phoneNumber = null) => Collect(phoneNumber, includeUndelivered: true);

    /// <summary>Returns the newest message delivered to <paramref name="phoneNumber"/>, or <see langword="null"/>.</summary>
    /// <param name="phoneNumber">An E.164 number.</param>
    /// <returns>The newest message, or <see langword="null"/> when none was delivered.</returns>
    public MosaicEmulatorSms? GetLatest(string phoneNumber)
    {
        ArgumentNullException.ThrowIfNull(phoneNumber);
        lock (_lock)
        {
            return FindNewest(phoneNumber, afterSequence: 0, includeUndelivered: false)?.Sms;
        }
    }

    /// <summary>
    /// Waits for an SMS to <paramref name="phoneNumber"/> without polling; fails fast with
    /// <see cref="MosaicEmulatorSmsNotDeliveredException"/> when the emulator did not deliver the send.
    /// </summary>
    /// <remarks>
    /// Completes at once with the newest send to that number that arrived after the one returned by the previous wait
    /// for the same number (or since the outbox was created or cleared); otherwise completes with the next send that
    /// arrives. So "send, then wait" never misses the message, and after a resend the wait returns the newest (the only
    /// valid) code. When that send was not delivered (unknown user with <c>create_new_user</c> false, an injected fault,
    /// a refused request) the task fails with the reason.
    /// </remarks>
    /// <param name="phoneNumber">An E.164 number.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The message.</returns>
    public Task<MosaicEmulatorSms> WaitForMessageAsync(string phoneNumber, CancellationToken cancellationToken) =>
        Wait(phoneNumber, failOnUndelivered: true, cancellationToken);

    /// <summary>
    /// Like <see cref="WaitForMessageAsync"/>, but an undelivered send completes the wait instead of failing it: for
    /// tests that expect no SMS and assert <see cref="MosaicEmulatorSms.NotDeliveredReason"/>.
    /// </summary>
    /// <param name="phoneNumber">An E.164 number.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The send, delivered or not.</returns>
    public Task<MosaicEmulatorSms> WaitForSendAttemptAsync(string phoneNumber, CancellationToken cancellationToken) =>
        Wait(phoneNumber, failOnUndelivered: false, cancellationToken);

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
            Complete(waiter.Completion, waiter.FailOnUndelivered, sms);
        }
    }

    private Task<MosaicEmulatorSms> Wait(string phoneNumber, bool failOnUndelivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phoneNumber);
        lock (_lock)
        {
            var after = _lastWaitedSequence.GetValueOrDefault(phoneNumber);
            if (FindNewest(phoneNumber, after, includeUndelivered: true) is { } entry)
            {
                _lastWaitedSequence[phoneNumber] = entry.Sequence;
                var done = new TaskCompletionSource<MosaicEmulatorSms>(TaskCreationOptions.RunContinuationsAsynchronously);
                Complete(done, failOnUndelivered, entry.Sms);
                return done.Task;
            }

            var waiter = new Waiter(phoneNumber, failOnUndelivered, new TaskCompletionSource<MosaicEmulatorSms>(TaskCreationOptions.RunContinuationsAsynchronously));
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

    private static void Complete(TaskCompletionSource<MosaicEmulatorSms> completion, bool failOnUndelivered, MosaicEmulatorSms sms)
    {
        if (failOnUndelivered && !sms.Delivered)
        {
            completion.TrySetException(new MosaicEmulatorSmsNotDeliveredException(sms));
        }
        else
        {
            completion.TrySetResult(sms);
        }
    }

    private List<MosaicEmulatorSms> Collect(string? phoneNumber, bool includeUndelivered)
    {
        lock (_lock)
        {
            var result = new List<MosaicEmulatorSms>();
            for (var node = _messages.Last; node is not null; node = node.Previous)
            {
                var sms = node.Value.Sms;
                if ((includeUndelivered || sms.Delivered) && (phoneNumber is null || string.Equals(sms.PhoneNumber, phoneNumber, StringComparison.Ordinal)))
                {
                    result.Add(sms);
                }
            }

            return result;
        }
    }

    private Entry? FindNewest(string phoneNumber, long afterSequence, bool includeUndelivered)
    {
        for (var node = _messages.Last; node is not null && node.Value.Sequence > afterSequence; node = node.Previous)
        {
            if ((includeUndelivered || node.Value.Sms.Delivered) && string.Equals(node.Value.Sms.PhoneNumber, phoneNumber, StringComparison.Ordinal))
            {
                return node.Value;
            }
        }

        return null;
    }

    private sealed record Entry(long Sequence, MosaicEmulatorSms Sms);

    private sealed record Waiter(string PhoneNumber, bool FailOnUndelivered, TaskCompletionSource<MosaicEmulatorSms> Completion);
}
