using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Resilience.Tests.Harness.Toxics.Support;

/// <summary>
/// Timing-grade round trips: a blocking echo server and a blocking client, each on a dedicated thread.
/// </summary>
/// <remarks>
/// An asynchronous socket completes through the runtime's event thread and then the thread pool; on a busy
/// machine each of those hops can add milliseconds that are the test's own, not the proxy's. A socket only ever
/// used with blocking calls is woken by the kernel directly, so what these measure is (nearly) the proxy alone.
/// </remarks>
internal sealed class BlockingEcho : IDisposable
{
    private readonly Socket listener;
    private readonly Thread acceptor;

    public BlockingEcho()
    {
        listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        acceptor = new Thread(Accept) { IsBackground = true, Name = "blocking-echo" };
        acceptor.Start();
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Round-trip times in milliseconds of <paramref name="count"/> two-byte messages on one connection.</summary>
    public static async Task<List<double>> RoundTripsAsync(int port, int count) => (await InterleavedRoundTripsAsync([port], count))[0];

    /// <summary>
    /// Round trips on one connection per port, taken in turn (a, b, a, b, ...), so that a busy machine weighs on
    /// every path alike and their difference stays the proxy's.
    /// </summary>
    public static Task<List<double>[]> InterleavedRoundTripsAsync(IReadOnlyList<int> ports, int count) =>
        Task.Factory.StartNew(
            () =>
            {
                var sockets = ports.Select(Connect).ToList();
                try
                {
                    var samples = ports.Select(_ => new List<double>(count)).ToArray();
                    for (var index = 0; index < count; index++)
                    {
                        for (var path = 0; path < sockets.Count; path++)
                        {
                            samples[path].Add(RoundTrip(sockets[path], (byte)index));
                        }
                    }

                    return samples;
                }
                finally
                {
                    sockets.ForEach(socket => socket.Dispose());
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private static Socket Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private static double RoundTrip(Socket socket, byte marker)
    {
        var echoed = new byte[2];
        var started = Stopwatch.GetTimestamp();
        socket.Send([marker, 7]);
        for (var filled = 0; filled < 2;)
        {
            var read = socket.Receive(echoed, filled, 2 - filled, SocketFlags.None);
            filled += read > 0 ? read : throw new EndOfStreamException("the echo closed the connection");
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        echoed.Should().Equal([marker, (byte)7]);
        return elapsed;
    }

    public void Dispose()
    {
        listener.Dispose();
        acceptor.Join(TimeSpan.FromSeconds(5));
    }

    private void Accept()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = listener.Accept();
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                return;
            }

            new Thread(() => Echo(client)) { IsBackground = true, Name = "blocking-echo-connection" }.Start();
        }
    }

    private static void Echo(Socket client)
    {
        using (client)
        {
            client.NoDelay = true;
            var buffer = new byte[4096];
            try
            {
                int read;
                while ((read = client.Receive(buffer)) > 0)
                {
                    client.Send(buffer.AsSpan(0, read));
                }
            }
            catch (SocketException)
            {
                // The client went away.
            }
        }
    }
}

/// <summary>Reads a connection to its end on a dedicated thread with blocking calls, recording every read.</summary>
internal static class BlockingReader
{
    public static Task<(byte[] Data, List<int> Reads, TimeSpan Elapsed)> ReadToEndAsync(int port) =>
        Task.Factory.StartNew(
            () =>
            {
                var started = Stopwatch.GetTimestamp();
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
                var data = new MemoryStream();
                var reads = new List<int>();
                var buffer = new byte[64 * 1024];
                int read;
                while ((read = socket.Receive(buffer)) > 0)
                {
                    data.Write(buffer, 0, read);
                    reads.Add(read);
                }

                return (data.ToArray(), reads, Stopwatch.GetElapsedTime(started));
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
}
