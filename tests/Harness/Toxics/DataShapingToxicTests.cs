using System.Diagnostics;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics;

/// <summary>slicer, limit_data and slow_close: toxics that reshape or end the stream.</summary>
public sealed class DataShapingToxicTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Slicer_splits_one_write_into_many_small_delayed_pieces()
    {
        var payload = Payload(10_000);
        await using var sender = await toxiproxy.ProxyAsync(TcpTestServer.Sending(payload, closeAfterwards: true), Cancellation);
        await using var slicer = await sender.Proxy.AddSlicerAsync(averageSize: 100, sizeVariation: 20, delay: TimeSpan.FromMilliseconds(1), cancellationToken: Cancellation);

        var (received, reads, elapsed) = await BlockingReader.ReadToEndAsync(sender.Proxy.ListenPort);

        received.Should().Equal(payload, "slicing reorders or loses nothing");
        reads.Count(size => size <= 120).Should().BeGreaterThan(20, "one write of 10 000 bytes arrives as ~100 slices of 100 ± 20 bytes (reads: {0})", string.Join(" ", reads));
        elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(70), "about 100 slices are 1 ms apart");
    }

    [Fact]
    public async Task Limit_data_closes_the_connection_after_exactly_the_limit()
    {
        var payload = Payload(10_000);
        await using var sender = await toxiproxy.ProxyAsync(TcpTestServer.Sending(payload, closeAfterwards: false), Cancellation);
        await using var limit = await sender.Proxy.AddLimitDataAsync(1234, cancellationToken: Cancellation);

        using var connection = await sender.ConnectAsync(Cancellation);
        var (received, _) = await TcpClientProbe.ReadToEndAsync(connection, Cancellation);

        received.Should().Equal(payload.Take(1234), "the first 1234 bytes pass, then the connection closes");
    }

    [Fact]
    public async Task Slow_close_delays_the_close_but_not_the_data()
    {
        var delay = TimeSpan.FromMilliseconds(300);
        await using var sender = await toxiproxy.ProxyAsync(TcpTestServer.Sending("bye"u8.ToArray(), closeAfterwards: true), Cancellation);
        await using var slowClose = await sender.Proxy.AddSlowCloseAsync(delay, cancellationToken: Cancellation);

        var started = Stopwatch.GetTimestamp();
        using var connection = await sender.ConnectAsync(Cancellation);
        await TcpClientProbe.ReadExactlyAsync(connection, 3, Cancellation);
        var dataAfter = Stopwatch.GetElapsedTime(started);
        var (rest, _) = await TcpClientProbe.ReadToEndAsync(connection, Cancellation);
        var closedAfter = Stopwatch.GetElapsedTime(started);

        rest.Should().BeEmpty();
        dataAfter.Should().BeLessThan(delay / 2, "data passes at once");
        closedAfter.Should().BeGreaterThanOrEqualTo(delay - TimeSpan.FromMilliseconds(5), "the server's close arrives only after the delay");
    }

    private static byte[] Payload(int length)
    {
        var payload = new byte[length];
        new Random(length).NextBytes(payload);
        return payload;
    }
}
