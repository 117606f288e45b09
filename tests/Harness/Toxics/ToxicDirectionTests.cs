using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics;

/// <summary>Upstream toxics act on client-to-server data, downstream ones on server-to-client data.</summary>
public sealed class ToxicDirectionTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(150);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ToxicStream.Downstream, true)]
    [InlineData(ToxicStream.Upstream, false)]
    public async Task Latency_on_a_stream_delays_what_the_server_sends_only_when_downstream(ToxicStream stream, bool delaysServerData)
    {
        await using var greeter = await toxiproxy.ProxyAsync(TcpTestServer.Sending("hello"u8.ToArray(), closeAfterwards: false), Cancellation);
        await using var toxic = await greeter.Proxy.AddLatencyAsync(Latency, stream: stream, cancellationToken: Cancellation);

        var started = Stopwatch.GetTimestamp();
        using var connection = await greeter.ConnectAsync(Cancellation);
        await TcpClientProbe.ReadExactlyAsync(connection, 5, Cancellation);
        var elapsed = Stopwatch.GetElapsedTime(started);

        if (delaysServerData)
        {
            elapsed.Should().BeGreaterThanOrEqualTo(Latency, "the greeting travels downstream");
        }
        else
        {
            elapsed.Should().BeLessThan(Latency / 2, "an upstream toxic leaves the greeting alone");
        }
    }

    [Theory]
    [InlineData(ToxicStream.Upstream, true)]
    [InlineData(ToxicStream.Downstream, false)]
    public async Task Latency_on_a_stream_delays_what_the_client_sends_only_when_upstream(ToxicStream stream, bool delaysClientData)
    {
        var arrivals = new ConcurrentQueue<long>();
        await using var recorder = await toxiproxy.ProxyAsync(TcpTestServer.Recording((at, _) => arrivals.Enqueue(at)), Cancellation);
        await using var toxic = await recorder.Proxy.AddLatencyAsync(Latency, stream: stream, cancellationToken: Cancellation);
        using var connection = await recorder.ConnectAsync(Cancellation);

        var sent = Stopwatch.GetTimestamp();
        await connection.SendAsync("request"u8.ToArray(), SocketFlags.None, Cancellation);
        var arrived = await FirstArrivalAsync(arrivals);
        var elapsed = Stopwatch.GetElapsedTime(sent, arrived);

        if (delaysClientData)
        {
            elapsed.Should().BeGreaterThanOrEqualTo(Latency, "the request travels upstream");
        }
        else
        {
            elapsed.Should().BeLessThan(Latency / 2, "a downstream toxic leaves the request alone");
        }
    }

    private static async Task<long> FirstArrivalAsync(ConcurrentQueue<long> arrivals)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(5));
        long arrived;
        while (!arrivals.TryPeek(out arrived))
        {
            await Task.Delay(1, deadline.Token);
        }

        return arrived;
    }
}
