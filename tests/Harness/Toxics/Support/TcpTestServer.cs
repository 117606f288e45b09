using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Resilience.Tests.Harness.Toxics.Support;

/// <summary>A loopback TCP server for the proxy tests: every accepted connection runs the handler.</summary>
internal sealed class TcpTestServer : IAsyncDisposable
{
    private readonly Socket listener;
    private readonly Func<Socket, CancellationToken, Task> handler;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentBag<Socket> connections = [];
    private readonly Task acceptLoop;

    private TcpTestServer(Func<Socket, CancellationToken, Task> handler)
    {
        this.handler = handler;
        listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(2048);
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public int Accepted => connections.Count;

    public static TcpTestServer Start(Func<Socket, CancellationToken, Task> handler) => new(handler);

    /// <summary>Sends back whatever arrives; half-closes when the client does.</summary>
    public static TcpTestServer Echo() => Start(async (socket, stopping) =>
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, stopping)) > 0)
        {
            await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stopping);
        }

        socket.Shutdown(SocketShutdown.Send);
    });

    /// <summary>Sends <paramref name="data"/> in one write on connect; then closes, or waits for the client to.</summary>
    public static TcpTestServer Sending(byte[] data, bool closeAfterwards) => Start(async (socket, stopping) =>
    {
        await socket.SendAsync(data, SocketFlags.None, stopping);
        if (closeAfterwards)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        await Drain(socket, stopping);
    });

    /// <summary>Reports every read (when, and the bytes) to <paramref name="received"/>.</summary>
    public static TcpTestServer Recording(Action<long, ReadOnlyMemory<byte>> received) => Start(async (socket, stopping) =>
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, stopping)) > 0)
        {
            received(System.Diagnostics.Stopwatch.GetTimestamp(), buffer.AsMemory(0, read).ToArray());
        }
    });

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Dispose();
        foreach (var connection in connections)
        {
            connection.Dispose();
        }

        await acceptLoop;
    }

    private static async Task Drain(Socket socket, CancellationToken stopping)
    {
        var buffer = new byte[4096];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None, stopping) > 0)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stopping.Token);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }

            socket.NoDelay = true;
            connections.Add(socket);
            _ = Serve(socket);
        }
    }

    private async Task Serve(Socket socket)
    {
        try
        {
            await handler(socket, stopping.Token);
        }
        catch (Exception error) when (error is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client or the test went away; that is what many of these tests provoke.
        }
        finally
        {
            socket.Dispose();
        }
    }
}
