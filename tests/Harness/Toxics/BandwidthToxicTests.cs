using System.Diagnostics;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics;

public sealed class BandwidthToxicTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bandwidth_limits_throughput_to_the_rate_within_10_percent()
    {
        const int RateKilobytesPerSecond = 1000;
        var payload = new byte[1_000_000];
        Random.Shared.NextBytes(payload);
        await using var sender = await toxiproxy.ProxyAsync(TcpTestServer.Sending(payload, closeAfterwards: true), Cancellation);
        await using var bandwidth = await sender.Proxy.AddBandwidthAsync(RateKilobytesPerSecond, cancellationToken: Cancellation);

        var started = Stopwatch.GetTimestamp();
        using var connection = await sender.ConnectAsync(Cancellation);
        var (received, _) = await TcpClientProbe.ReadToEndAsync(connection, Cancellation);
        var elapsed = Stopwatch.GetElapsedTime(started);

        received.Should().Equal(payload);
        var kilobytesPerSecond = payload.Length / 1000.0 / elapsed.TotalSeconds;
        kilobytesPerSecond.Should().BeApproximately(RateKilobytesPerSecond, RateKilobytesPerSecond * 0.10, "{0} bytes took {1:F3} s", payload.Length, elapsed.TotalSeconds);
    }

    [Fact]
    public async Task A_rate_of_zero_stalls_the_stream_until_the_toxic_is_removed()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        using var connection = await echo.ConnectAsync(Cancellation);
        var bandwidth = await echo.Proxy.AddBandwidthAsync(0, cancellationToken: Cancellation);

        await connection.SendAsync("held"u8.ToArray(), System.Net.Sockets.SocketFlags.None, Cancellation);
        (await TcpClientProbe.StaysSilentAsync(connection, TimeSpan.FromMilliseconds(300), Cancellation)).Should().BeTrue();

        await bandwidth.RemoveAsync(Cancellation);
        (await TcpClientProbe.ReadExactlyAsync(connection, 4, Cancellation)).Should().Equal("held"u8.ToArray(), "held data is delivered, not dropped");
    }
}
