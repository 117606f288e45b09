using HdrHistogram;
using Resilience.Load.Metrics;
using Resilience.Load.Records;
using Resilience.Load.Thresholds;

namespace Resilience.Tests.Harness.Load;

/// <summary>Thresholds judged over three known seconds of a timeline.</summary>
public sealed class ThresholdEvaluationTests
{
    // second 0: 100 ok answers at 1..100 ms; second 1: 90 ok + 10 errors, all at 200 ms; second 2: 100 ok at 5 ms, 4 dropped.
    private static readonly (TimelineSecond Row, HistogramBase Latency)[] Seconds =
    [
        Second(0, completed: 100, errors: 0, dropped: 0, latencyMs: i => i + 1),
        Second(1, completed: 100, errors: 10, dropped: 0, latencyMs: _ => 200),
        Second(2, completed: 100, errors: 0, dropped: 4, latencyMs: _ => 5),
    ];

    [Theory]
    [InlineData("error_rate < 1%", false, "3.3333%")]
    [InlineData("error_rate < 1% in 0s..1s", true, "0%")]
    [InlineData("error_rate >= 10% in 1s..2s", true, "10%")]
    [InlineData("p(50) < 51ms in 0s..1s", true, "50.015ms")]
    [InlineData("p(50) <= 50ms in 0s..1s", false, "50.015ms")]
    [InlineData("max < 150ms in 1s..2s", false, "200.063ms")]
    [InlineData("max < 150ms in 2s..", true, "5.003ms")]
    [InlineData("rate >= 100/s", true, "100/s")]
    [InlineData("rate > 100/s", false, "100/s")]
    [InlineData("dropped_rate < 1%", false, "1.3158%")]
    [InlineData("p(95) < 1s in 10s..20s", false, "no data in the window")]
    public void A_threshold_is_judged_over_its_window(string text, bool passes, string actual)
    {
        var window = new ThresholdWindow(Threshold.Parse(text));
        foreach (var (row, latency) in Seconds)
        {
            window.Add(row, lengthSeconds: 1, latency);
        }

        var check = window.Evaluate();

        check.Passed.Should().Be(passes);
        check.Actual.Should().Be(actual);
        check.Name.Should().Be(text);
    }

    [Fact]
    public void An_abort_on_fail_threshold_waits_for_its_delay_before_judging()
    {
        var tracker = new ThresholdTracker(
        [
            Threshold.Parse("error_rate < 1%").WithAbortOnFail(TimeSpan.FromSeconds(2)),
            Threshold.Parse("p(50) < 1ms"),
        ]);

        tracker.Add(Seconds[1].Row, 1, Seconds[1].Latency);
        var afterOneSecond = tracker.FirstAbortFailure();
        tracker.Add(Seconds[2].Row, 1, Seconds[2].Latency);
        var afterTwoSeconds = tracker.FirstAbortFailure();

        afterOneSecond.Should().BeNull("one second of data is less than the 2s abort delay");
        afterTwoSeconds.Should().NotBeNull();
        afterTwoSeconds!.Name.Should().Be("error_rate < 1%", "only abort-on-fail thresholds stop a run");
        tracker.EvaluateAll().Select(check => check.Passed).Should().Equal(false, false);
    }

    private static (TimelineSecond, HistogramBase) Second(int second, int completed, int errors, int dropped, Func<int, double> latencyMs)
    {
        var histogram = LatencyHistograms.Create();
        for (var i = 0; i < completed; i++)
        {
            LatencyHistograms.Record(histogram, (long)(latencyMs(i) * 1000));
        }

        var row = new TimelineSecond(
            second, DateTimeOffset.UnixEpoch.AddSeconds(second), Attempted: completed + dropped, Started: completed,
            completed, Ok: completed - errors, Degraded: 0, errors, new Dictionary<string, long>(), dropped,
            InFlight: 0, P50Ms: 0, P95Ms: 0, P99Ms: 0, MaxMs: 0);
        return (row, histogram);
    }
}
