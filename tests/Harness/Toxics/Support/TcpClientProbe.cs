using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Resilience.Tests.Harness.Toxics.Support;

/// <summary>Client-side measurements over a real socket.</summary>
internal static class TcpClientProbe
{
    public static async Task<Socket> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="message"/> and waits for as many bytes back.</summary>
    public static async Task<TimeSpan> RoundTripAsync(Socket socket, byte[] message, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await socket.SendAsync(message, SocketFlags.None, cancellationToken);
        var echoed = await ReadExactlyAsync(socket, message.Length, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        echoed.Should().Equal(message, "an echo must come back unchanged");
        return elapsed;
    }

    public static async Task<List<double>> RoundTripMillisecondsAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        var samples = new List<double>(count);
        for (var index = 0; index < count; index++)
        {
            samples.Add((await RoundTripAsync(socket, [(byte)index, 42], cancellationToken)).TotalMilliseconds);
        }

        return samples;
    }

    public static async Task<byte[]> ReadExactlyAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        var data = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await socket.ReceiveAsync(data.AsMemory(filled), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException($"connection closed after {filled} of {count} bytes");
            }

            filled += read;
        }

        return data;
    }

    /// <summary>Everything until the peer closes, with the size of every read.</summary>
    public static async Task<(byte[] Data, List<int> Reads)> ReadToEndAsync(Socket socket, CancellationToken cancellationToken)
    {
        var data = new MemoryStream();
        var reads = new List<int>();
        var buffer = new byte[256 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
        {
            data.Write(buffer, 0, read);
            reads.Add(read);
        }

        return (data.ToArray(), reads);
    }

    /// <summary>Whether anything (data or close) arrives within <paramref name="window"/>.</summary>
    public static async Task<bool> StaysSilentAsync(Socket socket, TimeSpan window, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(window);
        try
        {
            await socket.ReceiveAsync(new byte[1], SocketFlags.None, timeout.Token);
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return true;
        }
    }

    public static double Median(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
