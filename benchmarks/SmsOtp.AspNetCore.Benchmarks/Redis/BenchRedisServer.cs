using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SmsOtp.AspNetCore.Benchmarks.Redis;

/// <summary>
/// A redis-server of the benchmark's own on 127.0.0.1 and a free port, with no persistence (as
/// <c>tests/SmsOtp.AspNetCore.Redis.Tests/RedisServer.cs</c> starts it); killed on dispose.
/// </summary>
internal sealed class BenchRedisServer : IDisposable
{
    private const string ServerPath = "/usr/bin/redis-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private BenchRedisServer(Process process, int port)
    {
        _process = process;
        Configuration = "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string Configuration { get; }

    /// <summary>Starts a server and waits until it accepts connections.</summary>
    public static BenchRedisServer Start()
    {
        if (!File.Exists(ServerPath))
        {
            throw new InvalidOperationException($"{ServerPath} is missing: this benchmark starts its own Redis. Install it with: apt-get install redis-server");
        }

        // The free port is found by binding port 0 and letting it go; should another process take it meanwhile,
        // redis-server exits at once and the next port is tried.
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var process = new Process
            {
                StartInfo = new ProcessStartInfo(ServerPath)
                {
                    ArgumentList = { "--save", "", "--appendonly", "no", "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture) },
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                },
                EnableRaisingEvents = true,
            };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
                {
                    ready.TrySetResult();
                }
            };
            process.ErrorDataReceived += (_, _) => { };
            process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("redis-server exited before it was ready."));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                ready.Task.Wait(StartTimeout);
                if (!ready.Task.IsCompletedSuccessfully)
                {
                    throw new TimeoutException("redis-server did not become ready.");
                }

                return new BenchRedisServer(process, port);
            }
            catch (Exception) when (attempt < 2)
            {
                Stop(process);
            }
            catch
            {
                Stop(process);
                throw;
            }
        }
    }

    public void Dispose() => Stop(_process);

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
