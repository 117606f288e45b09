using Resilience.Load.Engine;
using Resilience.Load.Metrics;
using Resilience.Load.Scenarios;
using Resilience.Load.Thresholds;

namespace Resilience.Tests.Harness.Load;

/// <summary>The engine's latency figures against an exact computation (sorted array) over the same samples.</summary>
public sealed class PercentileAccuracyTests
{
    /// <summary>Three significant digits: a reported value is within 0.1 % (plus the 1 µs unit) of an exact one.</summary>
    private const double RelativePrecision = 0.001;

    [Fact]
    public void Whole_run_percentiles_match_a_sorted_reference_within_the_histograms_precision()
    {
        var samples = LongTailedSamplesMicroseconds(seed: 7, count: 200_000);
        var histogram = LatencyHistograms.CreateConcurrent();
        foreach (var sample in samples)
        {
            LatencyHistograms.Record(histogram, sample);
        }

        var summary = LatencyHistograms.Summarize(histogram);

        Array.Sort(samples);
        summary.Count.Should().Be(samples.Length);
        ShouldMatch(summary.P50Ms, Reference(samples, 50), "p50");
        ShouldMatch(summary.P90Ms, Reference(samples, 90), "p90");
        ShouldMatch(summary.P95Ms, Reference(samples, 95), "p95");
        ShouldMatch(summary.P99Ms, Reference(samples, 99), "p99");
        ShouldMatch(summary.P999Ms, Reference(samples, 99.9), "p99.9");
        ShouldMatch(summary.MaxMs, samples[^1] / 1000.0, "max");
        ShouldMatch(summary.MinMs, samples[0] / 1000.0, "min");
        summary.MeanMs.Should().BeApproximately(samples.Average() / 1000.0, samples.Average() / 1000.0 * RelativePrecision);
    }

    [Fact]
    public void Each_second_and_the_whole_run_match_the_reference_after_the_timeline_pipeline()
    {
        var ticksPerSecond = RunClock.TicksPerSecond;
        var metrics = new RunMetrics(stepCount: 1);
        var aggregator = new TimelineAggregator(metrics, new RunClock(), new InFlightTracker(), new ThresholdTracker([]), progress: null, abort: _ => { });
        var random = new Random(11);
        var perSecond = new List<long>[3];
        for (var second = 0; second < 3; second++)
        {
            perSecond[second] = [];
            for (var i = 0; i < 20_000; i++)
            {
                // completes inside this second after a long-tailed latency counted from an intended start before it
                var completed = (second * ticksPerSecond) + random.NextInt64(ticksPerSecond);
                var latencyMicroseconds = (long)Math.Exp(random.NextDouble() * 14);
                var intended = completed - (latencyMicroseconds * ticksPerSecond / 1_000_000);
                metrics.RecordCompletion(0, intended, sentTicks: intended, completed, i % 100 == 0 ? StepResult.Error("http_503") : StepResult.Ok);
                perSecond[second].Add(RunClock.ToMicroseconds(completed - intended));
            }

            metrics.MarkSecondEnd(second, inFlight: 0);
        }

        aggregator.CloseRemaining(endTicks: 3 * ticksPerSecond);

        aggregator.Timeline.Should().HaveCount(3);
        for (var second = 0; second < 3; second++)
        {
            var sorted = perSecond[second].Order().ToArray();
            var row = aggregator.Timeline[second];
            row.Completed.Should().Be(sorted.Length);
            row.Errors.Should().Be(200);
            row.ErrorsByKind.Should().Equal(new Dictionary<string, long> { ["http_503"] = 200 });
            ShouldMatch(row.P50Ms, Reference(sorted, 50), $"second {second} p50");
            ShouldMatch(row.P95Ms, Reference(sorted, 95), $"second {second} p95");
            ShouldMatch(row.P99Ms, Reference(sorted, 99), $"second {second} p99");
            ShouldMatch(row.MaxMs, sorted[^1] / 1000.0, $"second {second} max");
        }

        var all = perSecond.SelectMany(values => values).Order().ToArray();
        var whole = LatencyHistograms.Summarize(aggregator.Latency);
        whole.Count.Should().Be(all.Length);
        ShouldMatch(whole.P99Ms, Reference(all, 99), "whole-run p99");
        ShouldMatch(whole.P999Ms, Reference(all, 99.9), "whole-run p99.9");
    }

    [Fact]
    public void A_completion_recorded_after_its_second_was_closed_lands_in_the_next_second_instead_of_being_lost()
    {
        var ticksPerSecond = RunClock.TicksPerSecond;
        var metrics = new RunMetrics(stepCount: 1);
        var aggregator = new TimelineAggregator(metrics, new RunClock(), new InFlightTracker(), new ThresholdTracker([]), progress: null, abort: _ => { });
        metrics.RecordCompletion(0, 0, 0, ticksPerSecond / 2, StepResult.Ok);
        metrics.MarkSecondEnd(0, inFlight: 0);
        aggregator.CloseDueSeconds(nowTicks: 2 * ticksPerSecond);
        aggregator.Timeline.Should().ContainSingle("second 0 is over, marked by the scheduler and past its grace");

        metrics.RecordCompletion(0, 0, 0, (ticksPerSecond / 2) + 1, StepResult.Ok); // late: second 0 is closed
        metrics.MarkSecondEnd(1, inFlight: 0);
        aggregator.CloseRemaining(endTicks: 2 * ticksPerSecond);

        aggregator.Timeline.Select(second => second.Completed).Should().Equal(1, 1);
    }

    private static long[] LongTailedSamplesMicroseconds(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => random.NextDouble() < 0.001
                ? random.NextInt64(1_000_000, 30_000_000) // rare stalls of 1 to 30 s
                : (long)(5_000 * Math.Exp(NormalSample(random)))) // around 5 ms, long-tailed
            .ToArray();
    }

    private static double NormalSample(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>
    /// The value at the given percentile of sorted samples, in ms: the smallest value with at least p % of the samples
    /// at or below it (the rank is rounded first so 99.9 % of 200 000 is rank 199 800, not 199 801 by float error).
    /// </summary>
    private static double Reference(long[] sorted, double percentile) =>
        sorted[Math.Max(0, (int)Math.Ceiling(Math.Round(percentile / 100 * sorted.Length, 6)) - 1)] / 1000.0;

    private static void ShouldMatch(double actualMs, double referenceMs, string what) =>
        actualMs.Should().BeApproximately(referenceMs, (referenceMs * RelativePrecision) + 0.001, "{0} must match the reference", what);
}
