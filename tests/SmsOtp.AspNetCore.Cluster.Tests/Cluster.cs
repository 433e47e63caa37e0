using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SmsOtp.AspNetCore.Redis.Tests;
using SmsOtp.AspNetCore.Tests.Infrastructure;

namespace SmsOtp.AspNetCore.Cluster.Tests;

/// <summary>
/// Three app instances on Kestrel loopback ports behind a round-robin YARP proxy, one standalone emulator, one
/// redis-server of its own: the cluster of issue #14. Browsers reach the proxy (and the emulator) over real sockets, each
/// from its own loopback address, so each is its own client to the per-client limits.
/// </summary>
public sealed class Cluster : IAsyncLifetime
{
    /// <summary>The instances of issue #14's cluster.</summary>
    public const int DefaultSize = 3;

    private readonly int[] _ports;
    private readonly ClusterInstance?[] _instances;

    /// <summary>The three-instance cluster (the test fixture).</summary>
    public Cluster()
        : this(DefaultSize)
    {
    }

    // xunit wants one public constructor for a fixture: other sizes come from OfSize.
    private Cluster(int size)
    {
        Size = size;
        _ports = new int[size];
        _instances = new ClusterInstance?[size];
    }

    /// <summary>A cluster of <paramref name="size"/> instances (the load harness compares 1, 2 and 3).</summary>
    public static Cluster OfSize(int size) => new(size);

    /// <summary>How many app instances are behind the proxy.</summary>
    public int Size { get; }
    private LoopbackMosaicEmulator? _emulator;
    private RoundRobinProxy? _proxy;
    private int _nextClient;

    public RedisServer Redis { get; } = new();

    /// <summary>What the instances logged at warning and above.</summary>
    public ClusterLog Log { get; } = new();

    internal LoopbackMosaicEmulator Emulator => _emulator!;

    public Uri ProxyAddress => _proxy!.BaseAddress;

    /// <summary>Every status any instance answered, through any browser.</summary>
    public ConcurrentQueue<HttpStatusCode> Statuses { get; } = new();

    private string KeyPrefix { get; } = RedisServer.NewPrefix("cluster");

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        _emulator = await LoopbackMosaicEmulator.StartAsync();
        for (var i = 0; i < Size; i++)
        {
            _ports[i] = FreePort();
            _instances[i] = await StartInstanceAsync(i);
        }

        _proxy = await RoundRobinProxy.StartAsync(_ports);
    }

    /// <summary>Stops an instance and starts a new host (new container, new memory) on its port.</summary>
    public async Task RestartInstanceAsync(int index)
    {
        await _instances[index]!.DisposeAsync();
        _instances[index] = await StartInstanceAsync(index);
    }

    /// <summary>Completes once every instance has its Redis connection back.</summary>
    public Task WaitForRedisOnEveryInstanceAsync() =>
        Task.WhenAll(_instances.Select(instance => instance!.WaitForRedisAsync(TimeSpan.FromSeconds(30))));

    /// <summary>A browser of its own: its own cookies, its own loopback address, each response's instance recorded.</summary>
    internal ClusterBrowser CreateBrowser()
    {
        var n = Interlocked.Increment(ref _nextClient);
        var address = new IPAddress([127, 0, (byte)(1 + (n / 250)), (byte)(1 + (n % 250))]);
        var instances = new ConcurrentQueue<string>();
        var browser = new TestBrowser(ProxyAddress, new Dictionary<string, HttpMessageHandler>
        {
            [ProxyAddress.Authority] = new Recorder(Socket(address), instances, Statuses),
            [Emulator.BaseAddress.Authority] = Socket(address),
        });
        return new ClusterBrowser(browser, instances, address);
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        foreach (var instance in _instances)
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }

    private Task<ClusterInstance> StartInstanceAsync(int index) =>
        ClusterInstance.StartAsync(index, _ports[index], Emulator.BaseAddress, Redis.Configuration + ",connectTimeout=1000,asyncTimeout=1000,syncTimeout=1000", KeyPrefix, Log);

    private static SocketsHttpHandler Socket(IPAddress local) => new()
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Recorder(HttpMessageHandler inner, ConcurrentQueue<string> instances, ConcurrentQueue<HttpStatusCode> statuses) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            statuses.Enqueue(response.StatusCode);
            instances.Enqueue(response.Headers.TryGetValues(ClusterInstance.InstanceHeader, out var values) ? values.Single() : "proxy");
            return response;
        }
    }
}

/// <summary>A browser of the cluster and the instance each of its requests to the proxy landed on.</summary>
internal sealed record ClusterBrowser(TestBrowser Browser, ConcurrentQueue<string> Instances, IPAddress Address);
