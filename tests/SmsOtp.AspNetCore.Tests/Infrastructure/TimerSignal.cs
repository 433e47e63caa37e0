namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A clock wrapping the shared fake one (the emulator's, or the handler's): signals when a timer of a given length starts
/// (an injected fault's delay, the response floor's wait), which proves the request got there and is now waiting, so a
/// test moves time only once nothing can start the timer after the move.
/// </summary>
internal sealed class TimerSignal(TimeProvider inner, TimeSpan dueTime) : TimeProvider
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _each = new(0);

    /// <summary>Completes when the first such timer starts.</summary>
    public Task Started => _started.Task;

    /// <summary>Waits for the next such timer not waited for yet (each one counts once); throws after 30 s.</summary>
    public async Task NextAsync()
    {
        if (!await _each.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false))
        {
            throw new TimeoutException($"No timer of {dueTime} started within 30 s.");
        }
    }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime1, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime1, period);
        if (dueTime1 == dueTime)
        {
            _started.TrySetResult();
            _each.Release();
        }

        return timer;
    }
}
