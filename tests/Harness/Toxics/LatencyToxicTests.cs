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
        using var echo = new BlockingEcho();
        var direct = await toxiproxy.Client.CreateProxyAsync($"direct_{Guid.NewGuid():N}", "127.0.0.1:0", echo.Address, cancellationToken: Cancellation);
        var delaying = await toxiproxy.Client.CreateProxyAsync($"delaying_{Guid.NewGuid():N}", "127.0.0.1:0", echo.Address, cancellationToken: Cancellation);
        await using var latency = await delaying.AddLatencyAsync(TimeSpan.FromMilliseconds(100), cancellationToken: Cancellation);

        // Side by side, in turn: a busy machine slows both paths alike, and the first few pay for warming up.
        var samples = await BlockingEcho.InterleavedRoundTripsAsync([direct.ListenPort, delaying.ListenPort], 36);
        var (plain, delayed) = (samples[0].Skip(5).ToList(), samples[1].Skip(5).ToList());
        TestContext.Current.TestOutputHelper?.WriteLine($"direct median {Median(plain):F3} ms, with latency {Median(delayed):F3} ms: {string.Join(" ", delayed.Select(ms => ms.ToString("F2")))}");

        (Median(delayed) - Median(plain)).Should().BeApproximately(100, 2, "the median added delay over {0} round trips: {1}", delayed.Count, string.Join(", ", delayed.Select(ms => ms.ToString("F2"))));
        delayed.Should().OnlyContain(ms => ms >= 100, "a chunk never leaves before its latency is up");
        await direct.DeleteAsync(Cancellation);
        await delaying.DeleteAsync(Cancellation);
    }

    [Fact]
    public async Task Jitter_spreads_the_delay_over_latency_plus_or_minus_jitter()
    {
        using var echo = new BlockingEcho();
        var proxy = await toxiproxy.Client.CreateProxyAsync($"jitter_{Guid.NewGuid():N}", "127.0.0.1:0", echo.Address, cancellationToken: Cancellation);
        await using var latency = await proxy.AddLatencyAsync(TimeSpan.FromMilliseconds(40), jitter: TimeSpan.FromMilliseconds(20), cancellationToken: Cancellation);

        var delayed = (await BlockingEcho.RoundTripsAsync(proxy.ListenPort, 33)).Skip(3).ToList();

        var samples = string.Join(" ", delayed.Select(ms => ms.ToString("F1")));
        delayed.Should().OnlyContain(ms => ms >= 20, "no chunk leaves before latency - jitter: {0}", samples);
        delayed.Min().Should().BeLessThan(28, "30 uniform draws over 20-60 ms reach below 28 ms (all above: p = 0.1 %): {0}", samples);
        delayed.Count(ms => ms <= 62).Should().BeGreaterThanOrEqualTo(24, "the delays lie within 40 ± 20 ms; a busy machine may add to a few: {0}", samples);
        await proxy.DeleteAsync(Cancellation);
    }

    [Fact]
    public async Task Adding_updating_and_removing_latency_changes_an_open_connection()
    {
        await using var echo = await toxiproxy.ProxyAsync(TcpTestServer.Echo(), Cancellation);
        using var connection = await echo.ConnectAsync(Cancellation);
        await RoundTripMillisecondsAsync(connection, 3, Cancellation);

        var latency = await echo.Proxy.AddLatencyAsync(TimeSpan.FromMilliseconds(60), cancellationToken: Cancellation);
        Median(await RoundTripMillisecondsAsync(connection, 5, Cancellation)).Should().BeInRange(60, 100, "the toxic applies to a connection opened before it");

        await latency.UpdateAsync(new { latency = 150 }, cancellationToken: Cancellation);
        Median(await RoundTripMillisecondsAsync(connection, 5, Cancellation)).Should().BeInRange(150, 200, "an update applies at once");

        await latency.RemoveAsync(Cancellation);
        Median(await RoundTripMillisecondsAsync(connection, 5, Cancellation)).Should().BeLessThan(30, "a removed toxic stops delaying");
    }
}
