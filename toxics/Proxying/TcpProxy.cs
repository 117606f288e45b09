using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Resilience.Toxics.Proxying;

/// <summary>
/// One named proxy: a listener on <see cref="Listen"/> that joins every accepted client to a new connection to
/// <see cref="Upstream"/>. Disabled means not listening (connections are refused) and no connection left open.
/// </summary>
internal sealed class TcpProxy
{
    private readonly Lock gate = new();
    private readonly HashSet<ProxyConnection> connections = [];
    private readonly ILogger logger;
    private readonly Random seeds;
    private string requestedListen;
    private EndPoint upstreamEndPoint;
    private Socket? listener;
    private CancellationTokenSource? running;

    public TcpProxy(string name, string listen, string upstream, ILogger logger, int seed)
    {
        Name = name;
        this.logger = logger;
        seeds = new Random(seed);
        EndpointAddress.ParseListen(listen); // a malformed address is the caller's error now, not a start failure later
        upstreamEndPoint = EndpointAddress.ParseUpstream(upstream);
        requestedListen = Listen = listen;
        Upstream = upstream;
    }

    public string Name { get; }

    /// <summary>The address as requested, or the one actually bound once the proxy has listened (port 0 resolved).</summary>
    public string Listen { get; private set; }

    public string Upstream { get; private set; }

    public bool Enabled { get; private set; }

    public ProxyToxics Toxics { get; } = new();

    public ProxyTraffic Traffic { get; } = new();

    /// <summary>Whether populating with this listen address and upstream would leave the proxy as it is.</summary>
    public bool Matches(string listen, string upstream)
    {
        lock (gate)
        {
            return upstream == Upstream && (listen == Listen || listen == requestedListen);
        }
    }

    /// <exception cref="ProxyStateException">The address is taken (conflict) or cannot be bound (invalid).</exception>
    public void Start()
    {
        lock (gate)
        {
            if (Enabled)
            {
                return;
            }

            var endPoint = EndpointAddress.ParseListen(Listen);
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                AllowRebindDuringTimeWait(socket);
                socket.Bind(endPoint);
                socket.Listen(1024);
            }
            catch (SocketException error)
            {
                socket.Dispose();
                var kind = error.SocketErrorCode == SocketError.AddressAlreadyInUse ? ProxyErrorKind.Conflict : ProxyErrorKind.Invalid;
                throw new ProxyStateException(kind, $"cannot listen on {Listen}: {error.Message}");
            }

            listener = socket;
            Listen = socket.LocalEndPoint!.ToString()!;
            running = new CancellationTokenSource();
            Enabled = true;
            _ = AcceptAsync(socket, running.Token);
            logger.LogInformation("Proxy {Proxy} listening on {Listen} for {Upstream}", Name, Listen, Upstream);
        }
    }

    /// <summary>Stops listening and closes every open connection.</summary>
    public void Stop()
    {
        List<ProxyConnection> open;
        lock (gate)
        {
            if (!Enabled)
            {
                return;
            }

            Enabled = false;
            running!.Cancel();
            listener!.Dispose();
            open = [.. connections];
        }

        open.ForEach(connection => connection.Close());
        logger.LogInformation("Proxy {Proxy} stopped", Name);
    }

    /// <summary>Toxiproxy's update: a new address or upstream restarts the proxy (dropping its connections).</summary>
    public void Update(string listen, string upstream, bool enabled)
    {
        lock (gate)
        {
            if (listen != Listen || upstream != Upstream)
            {
                EndpointAddress.ParseListen(listen); // validate before stopping anything
                var newUpstream = EndpointAddress.ParseUpstream(upstream);
                Stop();
                requestedListen = Listen = listen;
                Upstream = upstream;
                upstreamEndPoint = newUpstream;
            }

            if (enabled)
            {
                Start();
            }
            else
            {
                Stop();
            }
        }
    }

    private async Task AcceptAsync(Socket socket, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await socket.AcceptAsync(stopping);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException error)
            {
                // Out of descriptors and the like: keep serving once the pressure is gone.
                logger.LogWarning(error, "Proxy {Proxy} failed to accept a client", Name);
                await Task.Delay(10, CancellationToken.None);
                continue;
            }

            _ = JoinUpstreamAsync(client, stopping);
        }
    }

    private async Task JoinUpstreamAsync(Socket client, CancellationToken stopping)
    {
        var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await upstream.ConnectAsync(upstreamEndPoint, stopping);
        }
        catch (Exception error)
        {
            logger.LogWarning("Proxy {Proxy} cannot reach upstream {Upstream}: {Error}", Name, Upstream, error.Message);
            upstream.Dispose();
            client.Dispose();
            return;
        }

        client.NoDelay = true;
        upstream.NoDelay = true;
        var connection = new ProxyConnection(client, upstream, Traffic, NextSeeds(), OnTerminated);
        lock (gate)
        {
            if (stopping.IsCancellationRequested)
            {
                connection.Close();
                return;
            }

            connections.Add(connection);
            Traffic.ConnectionOpened();
            Toxics.Attach(connection);
        }

        connection.Start();
    }

    private Random NextSeeds()
    {
        lock (seeds)
        {
            return new Random(seeds.Next());
        }
    }

    private void OnTerminated(ProxyConnection connection)
    {
        lock (gate)
        {
            if (connections.Remove(connection))
            {
                Traffic.ConnectionClosed();
            }
        }

        Toxics.Detach(connection);
    }

    private static void AllowRebindDuringTimeWait(Socket socket)
    {
        // .NET's ReuseAddress also sets SO_REUSEPORT on Linux, which would let two proxies share a port.
        // Plain SO_REUSEADDR only lets a re-enabled proxy bind its port while old connections sit in TIME_WAIT.
        if (OperatingSystem.IsLinux())
        {
            const int SolSocket = 1;
            const int SoReuseAddr = 2;
            socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        }
    }
}
