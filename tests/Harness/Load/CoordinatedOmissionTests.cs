using Microsoft.AspNetCore.Http;
using Resilience.Load.Http;
using Resilience.Load.Records;
using Resilience.Load.Results;
using Resilience.Load.Simulations;

namespace Resilience.Tests.Harness.Load;

/// <summary>
/// A server that stalls every response for one second, once. Users arriving on schedule during the stall wait
/// until it ends, so the true latency of a request scheduled at t inside the stall is (stall end − t). An
/// open-model run must report that; a closed-model run cannot see it (its users stop sending while they
/// wait) and reports only the stalled requests' service time.
/// </summary>
[Collection(nameof(LoadTimingCollection))]
public sealed class CoordinatedOmissionTests(ITestOutputHelper output)
{
    private const int Rate = 200;
    private const int StallAtRequest = 300;
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task The_open_model_reports_the_stall_for_every_request_scheduled_during_it()
    {
        var stall = new OneStall(StallAtRequest, Stall);
        await using var server = await TestHttpServer.StartAsync(stall.RespondAsync);
        using var client = LoadHttpClient.Create();

        var result = await LoadRuns.For(LoadRuns.Get(client, server.Url), output, Simulation.Inject(Rate, Duration)).RunAsync();

        output.WriteTimeline(result);
        var truth = TrueLatencies(result.StartedAt, Rate, result.Totals.Attempted, stall.Window!.Value);
        output.WriteLine($"truth: p90 {Percentile(truth, 90):F1} p95 {Percentile(truth, 95):F1} p99 {Percentile(truth, 99):F1} max {truth[^1]:F1}");
        output.WriteLine($"open:  p90 {result.Latency.P90Ms:F1} p95 {result.Latency.P95Ms:F1} p99 {result.Latency.P99Ms:F1} max {result.Latency.MaxMs:F1}");
        result.Totals.Ok.Should().Be(Rate * (long)Duration.TotalSeconds);
        ShouldMatchTruth(result.Latency.P90Ms, Percentile(truth, 90), "p90");
        ShouldMatchTruth(result.Latency.P95Ms, Percentile(truth, 95), "p95");
        ShouldMatchTruth(result.Latency.P99Ms, Percentile(truth, 99), "p99");
        ShouldMatchTruth(result.Latency.MaxMs, truth[^1], "max");
    }

    [Fact]
    public async Task The_closed_model_sees_the_stall_only_as_service_time_and_under_reports_it()
    {
        var stall = new OneStall(StallAtRequest, Stall);
        await using var server = await TestHttpServer.StartAsync(stall.RespondAsync);
        using var client = LoadHttpClient.Create();
        // Two users pausing 10 ms between requests offer about the open test's 200 requests per second.
        var closed = Simulation.KeepConstant(2, Duration, ThinkTime.Fixed(TimeSpan.FromMilliseconds(10)));

        var result = await LoadRuns.For(LoadRuns.Get(client, server.Url), output, closed).RunAsync();

        output.WriteTimeline(result);
        var offeredRate = result.Totals.Completed / Duration.TotalSeconds;
        var truth = TrueLatencies(result.StartedAt, offeredRate, result.Totals.Completed, stall.Window!.Value);
        output.WriteLine($"truth at {offeredRate:F0}/s: p99 {Percentile(truth, 99):F1} max {truth[^1]:F1}");
        output.WriteLine($"closed: p99 {result.Latency.P99Ms:F1} max {result.Latency.MaxMs:F1}; service p99 {result.ServiceTime.P99Ms:F1} max {result.ServiceTime.MaxMs:F1}");
        result.Latency.Should().BeEquivalentTo(result.ServiceTime, "a closed-model user sends the moment it intends to: latency is service time");
        result.ServiceTime.MaxMs.Should().BeGreaterThan(Stall.TotalMilliseconds * 0.9, "the users that hit the stall waited it out");
        result.Latency.P99Ms.Should().BeLessThan(Percentile(truth, 99) / 2, "users stop sending while they wait, so the stall hides from the percentiles");
    }

    /// <summary>
    /// What users arriving at <paramref name="rate"/> would see: those scheduled inside the stall wait until it ends,
    /// everyone else is answered at once (zero). Sorted ascending, milliseconds.
    /// </summary>
    private static double[] TrueLatencies(DateTimeOffset start, double rate, long count, (DateTimeOffset Start, DateTimeOffset End) stall)
    {
        var latencies = new double[count];
        for (var i = 0; i < count; i++)
        {
            var scheduled = start + TimeSpan.FromSeconds(i / rate);
            latencies[i] = scheduled >= stall.Start && scheduled < stall.End ? (stall.End - scheduled).TotalMilliseconds : 0;
        }

        Array.Sort(latencies);
        return latencies;
    }

    private static double Percentile(double[] sorted, double percentile) =>
        sorted[Math.Max(0, (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1)];

    /// <summary>
    /// Never below the truth (less the 3 ms the stall's own timer may fire early or the truth's rounding), and above it
    /// by no more than the normal service time plus the burst of answers released together at the stall's end.
    /// </summary>
    private static void ShouldMatchTruth(double measuredMs, double truthMs, string what) =>
        measuredMs.Should().BeInRange(truthMs - 3, (truthMs * 1.02) + 50, "the open model's {0} must reflect the stall", what);

    /// <summary>Holds every response from request <paramref name="atRequest"/> on until one stall length after it arrived.</summary>
    private sealed class OneStall(int atRequest, TimeSpan length)
    {
        private int _requests;
        private long _stallEndTicks;

        public (DateTimeOffset Start, DateTimeOffset End)? Window { get; private set; }

        public async Task RespondAsync(HttpContext context)
        {
            var number = Interlocked.Increment(ref _requests);
            var now = DateTimeOffset.UtcNow;
            if (number == atRequest)
            {
                Window = (now, now + length);
                Volatile.Write(ref _stallEndTicks, (now + length).UtcTicks);
            }

            var stallEnd = Volatile.Read(ref _stallEndTicks);
            if (stallEnd > now.UtcTicks)
            {
                await Task.Delay(TimeSpan.FromTicks(stallEnd - now.UtcTicks));
            }

            await context.Response.WriteAsync("ok");
        }
    }
}
