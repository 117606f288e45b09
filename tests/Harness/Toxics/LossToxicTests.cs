using System.Diagnostics;
using System.Net.Sockets;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics;

/// <summary>packet_loss (holes in the stream, Toxiproxy's) and tcp_loss (retransmission delays, this project's).</summary>
public sealed class LossToxicTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tcp_loss_holds_lost_chunks_for_doubling_timeouts_and_delivers_every_byte()
    {
        const double Rto = 20;
        using var echo = new BlockingEcho();
        var proxy = await toxiproxy.Client.CreateProxyAsync($"tcp_loss_{Guid.NewGuid():N}", "127.0.0.1:0", echo.Address, cancellationToken: Cancellation);
        await using var loss = await proxy.AddTcpLossAsync(0.3, retransmissionTimeout: TimeSpan.FromMilliseconds(Rto), cancellationToken: Cancellation);

        // Every echo comes back intact (RoundTripsAsync checks each one); k losses in a row hold a chunk for
        // rto * (2^k - 1): 0, 20, 60, 140, 300 ms ...
        var roundTrips = await BlockingEcho.RoundTripsAsync(proxy.ListenPort, 100);
        var losses = roundTrips.Select(ms => (int)Math.Floor(Math.Log2((ms + 1) / Rto + 1))).ToList();
        var beyondTheirTimeouts = roundTrips.Zip(losses, (ms, lost) => ms - Rto * (Math.Pow(2, lost) - 1)).Where((_, index) => losses[index] > 0).ToList();

        var samples = string.Join(" ", roundTrips.Select(ms => ms.ToString("F1")));
        losses.Count(lost => lost > 0).Should().BeInRange(10, 50, "about 30 of 100 chunks are lost at least once (binomial, ±4.3 σ): {0}", samples);
        losses.Should().Contain(lost => lost >= 2, "some chunk is lost twice in a row and waits 20 + 40 ms: {0}", samples);
        var unaffected = roundTrips.Where((_, index) => losses[index] == 0);
        (TcpClientProbe.Median(beyondTheirTimeouts) - TcpClientProbe.Median(unaffected)).Should().BeLessThan(2, "a lost chunk leaves when its (doubling) timeouts are up: {0}", samples);
        await proxy.DeleteAsync(Cancellation);
    }

    [Fact]
    public async Task Tcp_loss_resets_the_connection_when_the_retransmissions_run_out()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        await using var loss = await echo.Proxy.AddTcpLossAsync(1.0, retransmissionTimeout: TimeSpan.FromMilliseconds(40), maxRetries: 3, cancellationToken: Cancellation);
        using var connection = await echo.ConnectAsync(Cancellation);

        var sent = Stopwatch.GetTimestamp();
        await connection.SendAsync("ping"u8.ToArray(), SocketFlags.None, Cancellation);
        var read = () => connection.ReceiveAsync(new byte[16], SocketFlags.None, Cancellation).AsTask();

        (await read.Should().ThrowAsync<SocketException>()).Which.SocketErrorCode.Should().Be(SocketError.ConnectionReset);
        Stopwatch.GetElapsedTime(sent).TotalMilliseconds.Should().BeInRange(40 + 80 + 160 - 5, 280 + 200, "three retransmissions wait 40, 80 and 160 ms before giving up");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public async Task Packet_loss_drops_whole_chunks_from_the_stream(double lossRate)
    {
        var received = new MemoryStream();
        await using var recorder = await toxiproxy.ProxyAsync(TcpTestServer.Recording((_, data) =>
        {
            lock (received)
            {
                received.Write(data.Span);
            }
        }), Cancellation);
        await using var loss = await recorder.Proxy.AddPacketLossAsync(lossRate, stream: ToxicStream.Upstream, cancellationToken: Cancellation);
        var messages = Enumerable.Range(0, 200).Select(index => Message(index)).ToList();

        using (var connection = await recorder.ConnectAsync(Cancellation))
        {
            foreach (var message in messages)
            {
                await connection.SendAsync(message, SocketFlags.None, Cancellation);
                await Task.Delay(1, Cancellation); // one message per read on the proxy, most of the time
            }

            connection.Shutdown(SocketShutdown.Send);
            await TcpClientProbe.ReadToEndAsync(connection, Cancellation);
        }

        var arrived = Split(received.ToArray());
        arrived.Should().BeSubsetOf(messages.Select(Convert.ToHexString), "only whole chunks are dropped");
        arrived.Should().BeInAscendingOrder(StringComparer.Ordinal, "what survives keeps its order");
        var expectedSurvivors = messages.Count * (1 - lossRate);
        arrived.Count.Should().BeInRange((int)(expectedSurvivors * 0.6), (int)Math.Ceiling(expectedSurvivors * 1.4));
        if (lossRate == 0)
        {
            arrived.Should().HaveCount(messages.Count);
        }
        else if (lossRate == 1)
        {
            arrived.Should().BeEmpty();
        }
    }

    private static byte[] Message(int index) => [.. "msg-"u8, (byte)(index >> 8), (byte)index, .. "-end"u8];

    private static List<string> Split(byte[] stream) =>
        [.. stream.Chunk(Message(0).Length).Select(message => Convert.ToHexString(message))];
}
