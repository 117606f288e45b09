using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Resilience.Toxics.Bench;

/// <summary>
/// How close a 100 ms latency toxic comes to 100 ms: round trips through a plain proxy and through one with the
/// toxic, to a blocking echo, measured with a blocking client (no thread-pool hops of the benchmark's own).
/// </summary>
internal static class LatencyAccuracy
{
    public static async Task RunAsync(ToxiproxyClient client, int samples)
    {
        using var echo = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        echo.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        echo.Listen(8);
        var echoPort = ((IPEndPoint)echo.LocalEndPoint!).Port;
        new Thread(() => ServeEcho(echo)) { IsBackground = true }.Start();
        var plain = await client.CreateProxyAsync($"bench_plain_{Environment.ProcessId}", "127.0.0.1:0", $"127.0.0.1:{echoPort}");
        var delaying = await client.CreateProxyAsync($"bench_latency_{Environment.ProcessId}", "127.0.0.1:0", $"127.0.0.1:{echoPort}");
        try
        {
            await delaying.AddLatencyAsync(TimeSpan.FromMilliseconds(100));
            var direct = RoundTrips(echoPort, samples);
            var throughPlain = RoundTrips(plain.ListenPort, samples);
            var throughLatency = RoundTrips(delaying.ListenPort, samples);
            var added = throughLatency.Select(ms => ms - BulkThroughput.Median(throughPlain)).Order().ToList();
            Console.WriteLine($"round trip medians: direct {BulkThroughput.Median(direct):F3} ms, proxy {BulkThroughput.Median(throughPlain):F3} ms, proxy + 100 ms toxic {BulkThroughput.Median(throughLatency):F3} ms");
            Console.WriteLine($"added by the toxic: median {BulkThroughput.Median(added):F3} ms, min {added[0]:F3}, p90 {added[(int)(added.Count * 0.9)]:F3}, max {added[^1]:F3} ({samples} samples)");
        }
        finally
        {
            await plain.DeleteAsync();
            await delaying.DeleteAsync();
        }
    }

    private static List<double> RoundTrips(int port, int count)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        var message = new byte[2];
        var samples = new List<double>(count + 5);
        for (var index = 0; index < count + 5; index++)
        {
            var started = Stopwatch.GetTimestamp();
            socket.Send(message);
            for (var filled = 0; filled < message.Length;)
            {
                filled += socket.Receive(message, filled, message.Length - filled, SocketFlags.None);
            }

            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return samples.Skip(5).ToList(); // the first few pay for JIT and connection set-up
    }

    private static void ServeEcho(Socket listener)
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = listener.Accept();
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                return;
            }

            new Thread(() =>
            {
                using (connection)
                {
                    connection.NoDelay = true;
                    var buffer = new byte[4096];
                    try
                    {
                        int read;
                        while ((read = connection.Receive(buffer)) > 0)
                        {
                            connection.Send(buffer.AsSpan(0, read));
                        }
                    }
                    catch (SocketException)
                    {
                        // The benchmark closed its side.
                    }
                }
            }) { IsBackground = true }.Start();
        }
    }
}
