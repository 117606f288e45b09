using System.Net.Sockets;
using Resilience.Toxics.ToxicTypes;

namespace Resilience.Toxics.Proxying;

/// <summary>
/// A client connection and its upstream connection, joined by two links. It ends when both directions have
/// closed, when a toxic closes or resets it, when either side fails, or when its proxy stops.
/// </summary>
internal sealed class ProxyConnection : ILinkControl
{
    private readonly Socket client;
    private readonly Socket upstream;
    private readonly Action<ProxyConnection> onTerminated;
    private int endedLinks;
    private int terminated;

    public ProxyConnection(Socket client, Socket upstream, ProxyTraffic traffic, Random seeds, Action<ProxyConnection> onTerminated)
    {
        this.client = client;
        this.upstream = upstream;
        this.onTerminated = onTerminated;
        UpstreamLink = new Link(ToxicStream.Upstream, client, upstream, this, traffic.Upstream, seeds.Next());
        DownstreamLink = new Link(ToxicStream.Downstream, upstream, client, this, traffic.Downstream, seeds.Next());
    }

    /// <summary>Client to server.</summary>
    public Link UpstreamLink { get; }

    /// <summary>Server to client.</summary>
    public Link DownstreamLink { get; }

    public void Start()
    {
        _ = UpstreamLink.RunAsync();
        _ = DownstreamLink.RunAsync();
    }

    /// <summary>A link delivered its source's FIN: pass it on as a half-close; the last one closes the pair.</summary>
    public void EndOfStream(Link link)
    {
        try
        {
            link.Destination.Shutdown(SocketShutdown.Send);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // Already gone: the connection is being torn down anyway.
        }

        if (Interlocked.Increment(ref endedLinks) == 2)
        {
            Close();
        }
    }

    public void Close() => Terminate(abortive: false);

    public void Reset() => Terminate(abortive: true);

    /// <summary>A socket operation failed. A reset from one peer is passed on to the other as a reset.</summary>
    public void Fail(Exception error) =>
        Terminate(abortive: error is SocketException
        {
            SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown,
        });

    private void Terminate(bool abortive)
    {
        if (Interlocked.Exchange(ref terminated, 1) == 1)
        {
            return;
        }

        CloseSocket(client, abortive);
        CloseSocket(upstream, abortive);
        UpstreamLink.Retire();
        DownstreamLink.Retire();
        onTerminated(this);
    }

    private static void CloseSocket(Socket socket, bool abortive)
    {
        try
        {
            if (abortive)
            {
                // Linger 0 turns close() into a TCP RST: the peer sees "connection reset by peer".
                socket.LingerState = new LingerOption(true, 0);
            }
            else
            {
                socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // The peer is already gone; closing is all that is left.
        }

        socket.Dispose();
    }
}
