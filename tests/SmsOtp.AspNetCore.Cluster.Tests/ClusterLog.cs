using System.Collections.Concurrent;
using System.Globalization;

namespace SmsOtp.AspNetCore.Cluster.Tests;

/// <summary>
/// The instances' warnings and errors, kept in order so a test can write the ones logged while it ran to its own output:
/// a failure on a loaded CI machine then says what the instances saw (the suite's logs are otherwise off).
/// </summary>
public sealed class ClusterLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>How many entries were logged so far: a test's starting mark.</summary>
    public int Count => _entries.Count;

    /// <summary>The entries logged after <paramref name="mark"/>.</summary>
    public IEnumerable<string> Since(int mark) => _entries.Skip(mark);

    /// <summary>A logger of one instance, naming it on each line.</summary>
    internal ILoggerProvider For(int instance) => new InstanceProvider(this, instance);

    ILogger ILoggerProvider.CreateLogger(string categoryName) => new Logger(this, "-", categoryName);

    void IDisposable.Dispose()
    {
    }

    private sealed class InstanceProvider(ClusterLog log, int instance) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(log, instance.ToString(CultureInfo.InvariantCulture), categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(ClusterLog log, string instance, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var failure = exception is null ? string.Empty : $" [{exception.GetType().Name}: {exception.Message}]";
            log._entries.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} instance {instance} {logLevel} {category}[{eventId.Id}] {formatter(state, exception)}{failure}");
        }
    }
}
