using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace SmsOtp.AspNetCore.Redis.Tests;

/// <summary>
/// A redis-server of the tests' own, on 127.0.0.1 and a free port, with no persistence; killed on dispose. Shared by
/// every test in <see cref="RedisCollection"/>: tests keep apart by key prefix.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public const string ServerPath = "/usr/bin/redis-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private Process? _process;
    private ConnectionMultiplexer? _connection;

    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration => "127.0.0.1:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A connection shared by the tests (one "app instance").</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>A key prefix no other test uses.</summary>
    public static string NewPrefix(string test) => $"test:{test}:{Guid.NewGuid():N}:";

    /// <summary>Reads a throttle record as the store sees it at <paramref name="time"/>'s now; <see langword="null"/> when absent or expired.</summary>
    public async Task<SmsOtp.AspNetCore.Throttling.SmsOtpThrottleCounter?> PeekAsync(string redisKey, TimeProvider time)
    {
        var fields = await Connection.GetDatabase().HashGetAsync(redisKey, ["c", "r"]);
        if (fields[0].IsNull || fields[1].IsNull)
        {
            return null;
        }

        var resetsAt = DateTimeOffset.FromUnixTimeMilliseconds((long)fields[1]);
        return resetsAt > time.GetUtcNow() ? new((long)fields[0], resetsAt) : null;
    }

    /// <summary>A new, separate connection (another "app instance"); the caller disposes it.</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(Configuration);

    /// <summary>A connection that may run admin commands (CLIENT PAUSE, FLUSHALL); the caller disposes it.</summary>
    public async Task<ConnectionMultiplexer> ConnectAdminAsync() => await ConnectionMultiplexer.ConnectAsync(Configuration + ",allowAdmin=true");

    /// <summary>
    /// Makes the server answer no client for <paramref name="duration"/> (<c>CLIENT PAUSE … ALL</c>), and returns once the
    /// pause is in effect: a command sent after this returns cannot beat it, as one could beat a <c>DEBUG SLEEP</c> sent
    /// on another connection. The task returned completes when the server answers again.
    /// </summary>
    public async Task<Task> PauseAsync(TimeSpan duration)
    {
        var admin = await ConnectAdminAsync();
        await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", (long)duration.TotalMilliseconds, "ALL");
        return AwakeAsync(admin);

        static async Task AwakeAsync(ConnectionMultiplexer admin)
        {
            await using (admin)
            {
                await admin.GetDatabase().PingAsync();
            }
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ServerPath))
        {
            throw new InvalidOperationException($"{ServerPath} is missing: these tests start their own Redis. Install it with: apt-get install redis-server");
        }

        // The free port is found by binding port 0 and letting it go: another process may take it meanwhile, in which
        // case redis-server exits at once and the next port is tried.
        Exception? last = null;
        for (var attempt = 0; attempt < 3 && _process is null; attempt++)
        {
            try
            {
                await StartAsync(FreePort());
            }
            catch (RedisServerExitedException e)
            {
                last = e;
            }
        }

        if (_process is null)
        {
            throw new InvalidOperationException("redis-server did not start.", last);
        }

        _connection = await ConnectAsync();
        await _connection.GetDatabase().PingAsync();
    }

    /// <summary>Kills the server (no shutdown, no save), as a crash or a stopped container would.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>Starts a new, empty server on the same port.</summary>
    public Task RestartAsync() => StartAsync(Port);

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }

    private async Task StartAsync(int port)
    {
        var output = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(ServerPath)
            {
                ArgumentList = { "--save", "", "--appendonly", "no", "--enable-debug-command", "local", "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
            EnableRaisingEvents = true,
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new RedisServerExitedException("redis-server exited before it was ready:\n" + string.Join('\n', output)));

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            throw;
        }

        Port = port;
        _process = process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class RedisServerExitedException(string message) : Exception(message);
}

/// <summary>The tests that share one <see cref="RedisServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}
