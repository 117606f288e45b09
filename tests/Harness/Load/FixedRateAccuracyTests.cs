using Resilience.Load.Http;
using Resilience.Load.Simulations;

namespace Resilience.Tests.Harness.Load;

[Collection(nameof(LoadTimingCollection))]
public sealed class FixedRateAccuracyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(200)]
    [InlineData(2000)]
    public async Task A_constant_arrival_rate_reaches_the_server_within_one_percent_of_target(int rate)
    {
        await using var server = await TestHttpServer.StartAsync();
        using var client = LoadHttpClient.Create();

        var result = await LoadRuns.For(LoadRuns.Get(client, server.Url), output, Simulation.Inject(rate, Duration)).RunAsync();

        output.WriteTimeline(result);
        var scheduled = rate * (long)Duration.TotalSeconds;
        result.Totals.Attempted.Should().Be(scheduled, "the schedule asks for exactly rate x duration arrivals");
        result.Totals.Dropped.Should().Be(0);
        result.Totals.Ok.Should().Be(scheduled);
        server.RequestCount.Should().Be((int)scheduled, "every scheduled arrival is sent, and nothing more");

        var perSecond = server.ArrivalsPerSecond(result.StartedAt, (int)Duration.TotalSeconds);
        output.WriteLine($"server arrivals per second: {string.Join(", ", perSecond)}");
        var achieved = MedianWindowRate(server.Arrivals.Select(arrival => arrival.At).Order().ToArray());
        output.WriteLine($"achieved rate at the server: {achieved:F1}/s");
        achieved.Should().BeApproximately(rate, rate * 0.01, "requests reach the server at the target rate");
        Median(perSecond).Should().BeApproximately(rate, rate * 0.01, "the rate is steady second by second, not bunched");
    }

    /// <summary>
    /// The arrival rate as the median over 50 windows, each spanning half of the arrivals (arrival i to arrival
    /// i + n/2, for i stepping through the first half): a stall of the machine delays the requests that fall in it
    /// and so biases the few windows that start or end there, not the median.
    /// </summary>
    private static double MedianWindowRate(DateTimeOffset[] arrivals)
    {
        var span = arrivals.Length / 2;
        var rates = Enumerable.Range(0, 50)
            .Select(window => window * (arrivals.Length - span - 1) / 49)
            .Select(first => span / (arrivals[first + span] - arrivals[first]).TotalSeconds)
            .ToArray();
        return Median(rates);
    }

    private static double Median(long[] values) => Median(values.Select(value => (double)value).ToArray());

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2.0;
    }
}
