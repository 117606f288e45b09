using System.Diagnostics;
using System.Net.Sockets;
using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Toxics;

public sealed class TimeoutToxicTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Timeout_passes_no_data_and_closes_the_connection_when_it_expires()
    {
        var timeout = TimeSpan.FromMilliseconds(300);
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        await using var toxic = await echo.Proxy.AddTimeoutAsync(timeout, cancellationToken: Cancellation);

        var connected = Stopwatch.GetTimestamp();
        using var connection = await echo.ConnectAsync(Cancellation);
        await connection.SendAsync("ping"u8.ToArray(), SocketFlags.None, Cancellation);
        var (received, _) = await TcpClientProbe.ReadToEndAsync(connection, Cancellation);
        var closedAfter = Stopwatch.GetElapsedTime(connected);

        received.Should().BeEmpty("the toxic swallows the echo");
        closedAfter.Should().BeGreaterThanOrEqualTo(timeout - TimeSpan.FromMilliseconds(5)).And.BeLessThan(timeout + TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Timeout_of_zero_holds_the_connection_and_drops_data_until_removed()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        using var connection = await echo.ConnectAsync(Cancellation);
        var toxic = await echo.Proxy.AddTimeoutAsync(TimeSpan.Zero, cancellationToken: Cancellation);

        await connection.SendAsync("lost"u8.ToArray(), SocketFlags.None, Cancellation);
        (await TcpClientProbe.StaysSilentAsync(connection, TimeSpan.FromMilliseconds(500), Cancellation))
            .Should().BeTrue("the connection stays open and silent while the toxic holds it");

        await toxic.RemoveAsync(Cancellation);
        (await TcpClientProbe.RoundTripAsync(connection, "found"u8.ToArray(), Cancellation)).Should().BePositive();
        (await TcpClientProbe.StaysSilentAsync(connection, TimeSpan.FromMilliseconds(100), Cancellation))
            .Should().BeTrue("the data sent while the toxic held the connection was dropped, as in Toxiproxy");
    }
}
