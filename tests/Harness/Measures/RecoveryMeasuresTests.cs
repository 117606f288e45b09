using Resilience.Fixtures.Measures;
using Resilience.Load.Records;

namespace Resilience.Tests.Harness.Measures;

public sealed class RecoveryMeasuresTests
{
    private static readonly DateTimeOffset RunStart = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Mttr_counts_from_fault_removal_to_the_first_of_three_good_seconds()
    {
        // seconds 0-4 good, 5-9 fault (bad), fault removed at 10, 10-11 bad, 12 good, 13 bad, 14-16 good
        var timeline = Timeline(s => s < 5 || s == 12 || s >= 14);

        var mttr = RecoveryMeasures.Mttr(timeline, RunStart.AddSeconds(10), Sla.Default);

        mttr.Should().Be(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void Mttr_is_null_when_the_service_never_meets_the_sla_again()
    {
        var timeline = Timeline(s => s < 5 || s == 18);

        RecoveryMeasures.Mttr(timeline, RunStart.AddSeconds(10), Sla.Default).Should().BeNull();
    }

    [Fact]
    public void Mttr_measures_part_seconds_from_the_removal_instant()
    {
        var timeline = Timeline(s => s != 9);

        var mttr = RecoveryMeasures.Mttr(timeline, RunStart.AddSeconds(9.4), Sla.Default, consecutiveSeconds: 2);

        mttr.Should().Be(TimeSpan.FromSeconds(0.6));
    }

    [Fact]
    public void A_second_with_errors_above_the_budget_does_not_meet_the_sla()
    {
        var second = Second(0, good: true) with { Errors = 1, Completed = 1000 };

        Sla.Default.IsMetBy(second).Should().BeFalse("0.1 % is not below 0.1 %");
        Sla.Default.IsMetBy(second with { Completed = 2000 }).Should().BeTrue();
    }

    [Fact]
    public void Time_to_detect_is_the_delay_until_the_breaker_is_first_seen_open()
    {
        var faultStart = RunStart.AddSeconds(5);
        var annotations = new[]
        {
            new Annotation(AnnotationKinds.Breaker, BreakerStates.Open, "redis", faultStart.AddSeconds(1), null),
            new Annotation(AnnotationKinds.Breaker, BreakerStates.Open, "postgres", faultStart.AddSeconds(2.5), faultStart.AddSeconds(7)),
            new Annotation(AnnotationKinds.Breaker, BreakerStates.Open, "postgres", faultStart.AddSeconds(9), null),
        };

        RecoveryMeasures.TimeToDetect(annotations, "postgres", faultStart).Should().Be(TimeSpan.FromSeconds(2.5));
        RecoveryMeasures.TimeToDetect(annotations, "pricing", faultStart).Should().BeNull();
    }

    [Fact]
    public void Time_to_degrade_is_the_delay_until_the_first_second_with_a_degraded_answer()
    {
        var timeline = Timeline(_ => true).Select(s => s.Second is 3 or 7 ? s with { Degraded = 4 } : s).ToList();

        RecoveryMeasures.TimeToDegrade(timeline, RunStart.AddSeconds(5)).Should().Be(TimeSpan.FromSeconds(2));
        RecoveryMeasures.TimeToDegrade(timeline, RunStart.AddSeconds(8)).Should().BeNull();
    }

    private static List<TimelineSecond> Timeline(Func<int, bool> good) =>
        Enumerable.Range(0, 20).Select(s => Second(s, good(s))).ToList();

    private static TimelineSecond Second(int second, bool good) => new(
        second, RunStart.AddSeconds(second), Attempted: 100, Started: 100, Completed: 100,
        Ok: good ? 100 : 50, Degraded: 0, Errors: good ? 0 : 50,
        ErrorsByKind: new Dictionary<string, long>(), Dropped: 0, InFlight: 1,
        P50Ms: good ? 5 : 300, P95Ms: good ? 20 : 900, P99Ms: good ? 40 : 1500, MaxMs: good ? 60 : 2000);
}
