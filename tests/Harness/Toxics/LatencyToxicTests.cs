using Resilience.Tests.Harness.Toxics.Support;
using Resilience.Toxics;
using static Resilience.Tests.Harness.Toxics.Support.TcpClientProbe;

namespace Resilience.Tests.Harness.Toxics;

public sealed class LatencyToxicTests(ToxiproxyFixture toxiproxy) : IClassFixture<ToxiproxyFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_100_ms_latency_delays_each_round_trip_by_100_ms_within_2_ms()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        using var connection = await echo.ConnectAsync(Cancellation);
        await RoundTripMillisecondsAsync(connection, 5, Cancellation); // warm-up: JIT, first allocations
        var direct = Median(await RoundTripMillisecondsAsync(connection, 15, Cancellation));

        await using var latency = await echo.Proxy.AddLatencyAsync(TimeSpan.FromMilliseconds(100), cancellationToken: Cancellation);
        var delayed = await RoundTripMillisecondsAsync(connection, 21, Cancellation);
        TestContext.Current.TestOutputHelper?.WriteLine($"direct median {direct:F3} ms, with latency {Median(delayed):F3} ms: {string.Join(" ", delayed.Select(ms => ms.ToString("F2")))}");

        (Median(delayed) - direct).Should().BeApproximately(100, 2, "the median added delay over {0} round trips: {1}", delayed.Count, string.Join(", ", delayed.Select(ms => ms.ToString("F2"))));
        delayed.Should().OnlyContain(ms => ms >= 100, "a chunk never leaves before its latency is up");
    }

    [Fact]
    public async Task Jitter_spreads_the_delay_over_latency_plus_or_minus_jitter()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        using var connection = await echo.ConnectAsync(Cancellation);
        await RoundTripMillisecondsAsync(connection, 3, Cancellation);

        await using var latency = await echo.Proxy.AddLatencyAsync(TimeSpan.FromMilliseconds(40), jitter: TimeSpan.FromMilliseconds(20), cancellationToken: Cancellation);
        var delayed = await RoundTripMillisecondsAsync(connection, 30, Cancellation);

        delayed.Should().OnlyContain(ms => ms >= 20 && ms <= 60 + 10, "every delay lies within 40 ± 20 ms (plus scheduling slack)");
        (delayed.Max() - delayed.Min()).Should().BeGreaterThan(10, "30 uniform draws from ±20 ms are not all alike");
    }

    [Fact]
    public async Task Adding_updating_and_removing_latency_changes_an_open_connection()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        using var connection = await echo.ConnectAsync(Cancellation);
        await RoundTripMillisecondsAsync(connection, 3, Cancellation);

        var latency = await echo.Proxy.AddLatencyAsync(TimeSpan.FromMilliseconds(60), cancellationToken: Cancellation);
        Median(await RoundTripMillisecondsAsync(connection, 3, Cancellation)).Should().BeInRange(59, 80, "the toxic applies to a connection opened before it");

        await latency.UpdateAsync(new { latency = 150 }, cancellationToken: Cancellation);
        Median(await RoundTripMillisecondsAsync(connection, 3, Cancellation)).Should().BeInRange(149, 170, "an update applies at once");

        await latency.RemoveAsync(Cancellation);
        Median(await RoundTripMillisecondsAsync(connection, 3, Cancellation)).Should().BeLessThan(20, "a removed toxic stops delaying");
    }
}
