using System.Net.Sockets;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics;

/// <summary>Toxics added, updated and removed under live traffic change the stream's timing, never its bytes.</summary>
public sealed class LiveToxicChangeTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private const int StreamBytes = 3 * 1024 * 1024;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Toggling_toxics_on_a_streaming_connection_loses_and_reorders_no_byte()
    {
        var seed = Random.Shared.Next();
        var payload = new byte[StreamBytes];
        new Random(seed).NextBytes(payload);
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        using var connection = await echo.ConnectAsync(Cancellation);
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);

        var sending = SendInRandomPiecesAsync(connection, payload, new Random(seed + 1), Cancellation);
        var receiving = TcpClientProbe.ReadExactlyAsync(connection, payload.Length, Cancellation);
        var toggling = ToggleToxicsAsync(echo.Proxy, new Random(seed + 2), streaming.Token);

        var echoed = await receiving.WaitAsync(TimeSpan.FromSeconds(60), Cancellation);
        await sending;
        await streaming.CancelAsync();
        var changes = await toggling;

        changes.Should().BeGreaterThan(20, "the toxics must change many times while the bytes flow");
        echoed.SequenceEqual(payload).Should().BeTrue("the {0} bytes (seed {1}) must come back exactly, in order", payload.Length, seed);
        (await echo.Proxy.GetToxicsAsync(Cancellation)).Should().BeEmpty();
        (await TcpClientProbe.RoundTripAsync(connection, "after"u8.ToArray(), Cancellation)).Should().BeLessThan(TimeSpan.FromMilliseconds(50), "with every toxic gone the connection is fast again");
    }

    private static async Task SendInRandomPiecesAsync(Socket connection, byte[] payload, Random random, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < payload.Length;)
        {
            var piece = Math.Min(random.Next(1, 16 * 1024), payload.Length - offset);
            await connection.SendAsync(payload.AsMemory(offset, piece), SocketFlags.None, cancellationToken);
            offset += piece;
            await Task.Delay(3, cancellationToken); // keep the stream flowing for a second or so of toxic changes
        }
    }

    /// <summary>Adds, updates and removes every kind of toxic that delays or reshapes data, on both streams.</summary>
    private static async Task<int> ToggleToxicsAsync(Proxy proxy, Random random, CancellationToken stopping)
    {
        Func<ToxicStream, string, Task<ToxicHandle>>[] adders =
        [
            (stream, name) => proxy.AddLatencyAsync(TimeSpan.FromMilliseconds(random.Next(1, 10)), TimeSpan.FromMilliseconds(1), stream, name: name, cancellationToken: stopping),
            (stream, name) => proxy.AddBandwidthAsync(random.Next(5_000, 20_000), stream, name: name, cancellationToken: stopping),
            (stream, name) => proxy.AddSlicerAsync(random.Next(200, 2000), 100, TimeSpan.FromMicroseconds(random.Next(0, 50)), stream, name: name, cancellationToken: stopping),
            (stream, name) => proxy.AddTcpLossAsync(0.2, 0.1, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(8), stream: stream, name: name, cancellationToken: stopping),
            (stream, name) => proxy.AddSlowCloseAsync(TimeSpan.FromMilliseconds(10), stream, name: name, cancellationToken: stopping),
        ];
        var active = new List<ToxicHandle>();
        var changes = 0;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var stream = random.Next(2) == 0 ? ToxicStream.Upstream : ToxicStream.Downstream;
                var adder = adders[random.Next(adders.Length)];
                if (active.Count > 0 && random.Next(3) == 0)
                {
                    var toxic = active[random.Next(active.Count)];
                    active.Remove(toxic);
                    await toxic.RemoveAsync(stopping);
                }
                else if (active.Count > 0 && random.Next(3) == 0)
                {
                    await active[random.Next(active.Count)].UpdateAsync(toxicity: random.NextDouble(), cancellationToken: stopping);
                }
                else if (active.Count < 6)
                {
                    active.Add(await adder(stream, $"toxic_{changes}"));
                }

                changes++;
                await Task.Delay(random.Next(5, 30), stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The stream is through.
        }

        foreach (var toxic in active)
        {
            await toxic.RemoveAsync(CancellationToken.None);
        }

        return changes;
    }
}
