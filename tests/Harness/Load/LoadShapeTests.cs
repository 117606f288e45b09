using Microsoft.AspNetCore.Http;
using Resilience.Load.Http;
using Resilience.Load.Simulations;

namespace Resilience.Tests.Harness.Load;

[Collection(nameof(LoadTimingCollection))]
public sealed class LoadShapeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Arrival_ramps_and_spikes_follow_their_shape_second_by_second()
    {
        await using var server = await TestHttpServer.StartAsync();
        using var client = LoadHttpClient.Create();
        LoadSimulation[] load =
        [
            Simulation.Inject(100, OneSecond),
            Simulation.RampingInject(500, TimeSpan.FromSeconds(3)),
            .. Simulation.Spike(new SpikeOptions(BaseRate: 200, PeakRate: 800, Before: OneSecond, Hold: OneSecond, After: OneSecond)),
        ];

        var result = await LoadRuns.For(LoadRuns.GetStamped(client, server.Url), output, load).RunAsync();

        output.WriteTimeline(result);
        var expected = Enumerable.Range(0, 7).Select(second => Integrate(RateAt, second, second + 1)).ToArray();
        var arrivals = server.Arrivals;
        var sentFor = SecondsOf(arrivals.Select(arrival => arrival.Intended!.Value), result.StartedAt, 7);
        var lagsMs = arrivals.Select(arrival => (arrival.At - arrival.Intended!.Value).TotalMilliseconds).Order().ToArray();
        output.WriteLine($"expected:             {string.Join(", ", expected.Select(value => value.ToString("F1")))}");
        output.WriteLine($"server, by arrival:   {string.Join(", ", server.ArrivalsPerSecond(result.StartedAt, 7))}");
        output.WriteLine($"server, by schedule:  {string.Join(", ", sentFor)}");
        output.WriteLine($"send lag: p50 {lagsMs[lagsMs.Length / 2]:F2} ms, p90 {lagsMs[lagsMs.Length * 9 / 10]:F2} ms, max {lagsMs[^1]:F2} ms");
        for (var second = 0; second < expected.Length; second++)
        {
            ((double)result.Timeline[second].Attempted).Should().BeApproximately(expected[second], 1, "the schedule of second {0} is the integral of the rate", second);
            sentFor[second].Should().Be(result.Timeline[second].Attempted, "every arrival scheduled in second {0} reached the server", second);
        }

        // Each request is stamped with its own intended start, so a stall of the whole machine (which delays many
        // requests at once, and is no fault of the schedule) cannot move the median send lag.
        lagsMs[lagsMs.Length / 2].Should().BeLessThan(5, "requests leave on their schedule, not in bunches");
        server.RequestCount.Should().Be((int)result.Totals.Attempted);
    }

    [Fact]
    public async Task Virtual_users_ramp_up_hold_and_ramp_down_without_exceeding_their_target()
    {
        await using var server = await TestHttpServer.StartAsync(async context =>
        {
            await Task.Delay(50, context.RequestAborted);
            await context.Response.WriteAsync("ok", context.RequestAborted);
        });
        using var client = LoadHttpClient.Create();
        LoadSimulation[] load =
        [
            Simulation.RampingConstant(8, TimeSpan.FromSeconds(4)),
            Simulation.KeepConstant(8, OneSecond),
            Simulation.RampingConstant(2, OneSecond),
        ];

        var result = await LoadRuns.For(LoadRuns.Get(client, server.Url), output, load).RunAsync();

        output.WriteTimeline(result);
        var arrivals = server.Arrivals.Select(arrival => (At: (arrival.At - result.StartedAt).TotalSeconds, arrival.Concurrency)).ToList();
        foreach (var (at, concurrency) in arrivals)
        {
            // While the target only rises it bounds concurrency at once; once it falls, a user above it may still
            // finish the request it had started (50 ms, longer on a busy machine).
            var allowed = at < 5 ? CopiesAt(at) : Math.Max(CopiesAt(at), CopiesAt(at - 0.5));
            concurrency.Should().BeLessThanOrEqualTo(allowed, "at {0:F3}s the target was {1} users", at, allowed);
        }

        for (var second = 0; second < 4; second++)
        {
            var peak = arrivals.Where(arrival => arrival.At >= second && arrival.At < second + 1).Max(arrival => arrival.Concurrency);
            peak.Should().BeGreaterThanOrEqualTo(CopiesAt(second), "second {0} of the ramp starts with that many users busy", second);
        }

        arrivals.Where(arrival => arrival.At is >= 4.2 and < 5).Max(arrival => arrival.Concurrency).Should().Be(8, "the hold keeps all eight users busy");
        result.Totals.PeakInFlight.Should().Be(8);
    }

    private static long[] SecondsOf(IEnumerable<DateTimeOffset> times, DateTimeOffset start, int seconds)
    {
        var counts = new long[seconds];
        foreach (var second in times.Select(time => (int)Math.Floor((time - start).TotalSeconds)).Where(second => second >= 0 && second < seconds))
        {
            counts[second]++;
        }

        return counts;
    }

    private static double RateAt(double t) => t switch
    {
        < 1 => 100,
        < 4 => 100 + (400 * (t - 1) / 3),
        < 5 => 200,
        < 6 => 800,
        _ => 200,
    };

    /// <summary>Users of the closed profile at <paramref name="t"/> seconds: 0 to 8 over 4 s, 8 for 1 s, 8 to 2 over 1 s.</summary>
    private static int CopiesAt(double t) => t switch
    {
        < 0 => 0,
        < 4 => (int)Math.Round(2 * t, MidpointRounding.AwayFromZero),
        < 5 => 8,
        < 6 => (int)Math.Round(8 - (6 * (t - 5)), MidpointRounding.AwayFromZero),
        _ => 2,
    };

    private static double Integrate(Func<double, double> rate, double from, double to)
    {
        const int steps = 10_000;
        var width = (to - from) / steps;
        return Enumerable.Range(0, steps).Sum(i => rate(from + ((i + 0.5) * width)) * width);
    }
}
