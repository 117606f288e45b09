using Microsoft.AspNetCore.Http;
using Resilience.Load.Http;
using Resilience.Load.Simulations;

namespace Resilience.Tests.Harness.Load;

[Collection(nameof(LoadTimingCollection))]
public sealed class ConcurrencyLimitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Arrivals_beyond_max_in_flight_are_dropped_and_counted_never_queued()
    {
        const int maxInFlight = 10;
        await using var server = await TestHttpServer.StartAsync(async context =>
        {
            await Task.Delay(100, context.RequestAborted);
            await context.Response.WriteAsync("ok", context.RequestAborted);
        });
        using var client = LoadHttpClient.Create();

        // 400/s of 100 ms requests needs 40 in flight; only 10 are allowed.
        var result = await LoadRuns.For(LoadRuns.Get(client, server.Url), output, Simulation.Inject(400, TimeSpan.FromSeconds(2)))
            .WithMaxInFlight(maxInFlight)
            .WithThresholds("dropped_rate < 10%")
            .RunAsync();

        output.WriteTimeline(result);
        server.MaxConcurrency.Should().BeLessThanOrEqualTo(maxInFlight);
        result.Totals.PeakInFlight.Should().Be(maxInFlight);
        result.Totals.Attempted.Should().Be(800);
        result.Totals.Dropped.Should().BeGreaterThan(400, "at most 10 of every 40 needed slots exist");
        (result.Totals.Started + result.Totals.Dropped).Should().Be(result.Totals.Attempted);
        server.RequestCount.Should().Be((int)result.Totals.Started, "only started iterations reach the server");
        result.Timeline.Sum(second => second.Dropped).Should().Be(result.Totals.Dropped);
        result.Timeline.Take(2).Should().OnlyContain(second => second.Dropped > 0, "drops are reported in the seconds they happen");
        result.Thresholds.Should().ContainSingle().Which.Passed.Should().BeFalse("dropping is visible to thresholds too");
    }
}
