using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Resilience.Toxics.Bench;

/// <summary>One-way bulk transfer into a discarding sink, direct and through a proxy, alternating per round.</summary>
internal static class BulkThroughput
{
    private const int WriteBytes = 64 * 1024;

    public static async Task RunAsync(ToxiproxyClient client, int megabytes, int rounds)
    {
        using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        sink.Listen(8);
        var sinkPort = ((IPEndPoint)sink.LocalEndPoint!).Port;
        var proxy = await client.CreateProxyAsync($"bench_bulk_{Environment.ProcessId}", "127.0.0.1:0", $"127.0.0.1:{sinkPort}");
        try
        {
            var bytes = (long)megabytes * 1024 * 1024;
            var direct = new List<double>();
            var proxied = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                direct.Add(await TransferAsync(sink, sinkPort, bytes));
                proxied.Add(await TransferAsync(sink, proxy.ListenPort, bytes));
            }

            // Each round runs both back to back: the median of the per-round ratios shrugs off load swings.
            var ratio = Median([.. direct.Zip(proxied, (alone, throughProxy) => throughProxy / alone)]);
            Console.WriteLine($"bulk {megabytes} MiB x {rounds}: direct {Median(direct):F0} MB/s, proxied {Median(proxied):F0} MB/s, ratio {ratio:P0} (median of per-round ratios)");
            Console.WriteLine($"  direct  rounds: {string.Join(" ", direct.Select(rate => rate.ToString("F0")))}");
            Console.WriteLine($"  proxied rounds: {string.Join(" ", proxied.Select(rate => rate.ToString("F0")))}");
        }
        finally
        {
            await proxy.DeleteAsync();
        }
    }

    /// <summary>MB/s (10^6 bytes) from the first byte sent to the last byte received.</summary>
    private static async Task<double> TransferAsync(Socket sink, int port, long bytes)
    {
        var accepting = sink.AcceptAsync();
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await sender.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        using var receiver = await accepting;
        var draining = DrainAsync(receiver);
        var payload = new byte[WriteBytes];
        Random.Shared.NextBytes(payload);

        var started = Stopwatch.GetTimestamp();
        for (var sent = 0L; sent < bytes; sent += WriteBytes)
        {
            await sender.SendAsync(payload, SocketFlags.None);
        }

        sender.Shutdown(SocketShutdown.Send);
        var received = await draining;
        var elapsed = Stopwatch.GetElapsedTime(started);
        return received != bytes
            ? throw new InvalidOperationException($"received {received} of {bytes} bytes")
            : bytes / 1e6 / elapsed.TotalSeconds;
    }

    private static async Task<long> DrainAsync(Socket receiver)
    {
        var buffer = new byte[256 * 1024];
        long total = 0;
        int read;
        while ((read = await receiver.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            total += read;
        }

        return total;
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
