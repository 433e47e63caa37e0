namespace SmsOtp.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The emulator's clock, wrapping the shared fake one: signals when the emulator starts a timer of a given length (an
/// injected fault's delay), which proves the request reached the emulator and is now waiting.
/// </summary>
internal sealed class TimerSignal(TimeProvider inner, TimeSpan dueTime) : TimeProvider
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

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
        }

        return timer;
    }
}
