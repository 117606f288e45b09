using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Measures;

namespace Resilience.Tests.Harness.Measures;

/// <summary>When a step's unsuccessful calls became fast refusals, from the outcomes alone.</summary>
public sealed class FailFastTests
{
    private static readonly DateTimeOffset FaultStart = new(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FaultEnd = FaultStart.AddSeconds(6);
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Calls_that_wait_for_their_timeout_until_a_breaker_opens_become_fast_when_it_opens()
    {
        // Slow (300 ms timeouts) for the first second, then refused in 1 ms.
        var outcomes = Calls(0, 1000, every: 50, TimeSpan.FromMilliseconds(300)).Concat(Calls(1000, 6000, every: 50, TimeSpan.FromMilliseconds(1))).ToList();

        var time = FailFast.TimeToFailFast(outcomes, "write", FaultStart, FaultEnd, Fast);

        // The 100 fast calls after 1 s tolerate 5 slow ones before them (5 %): the last five slow calls, from 750 ms.
        time.Should().Be(TimeSpan.FromMilliseconds(750));
    }

    [Fact]
    public void Calls_that_wait_for_their_timeout_throughout_never_become_fast()
    {
        var outcomes = Calls(0, 6000, every: 50, TimeSpan.FromMilliseconds(300)).ToList();

        FailFast.TimeToFailFast(outcomes, "write", FaultStart, FaultEnd, Fast).Should().BeNull();
    }

    [Fact]
    public void A_few_slow_calls_among_fast_ones_are_tolerated_as_calls_in_flight()
    {
        var outcomes = Calls(0, 6000, every: 50, TimeSpan.FromMilliseconds(1))
            .Select((entry, i) => i % 40 == 39 ? entry with { ServiceTime = TimeSpan.FromMilliseconds(300) } : entry).ToList();

        FailFast.TimeToFailFast(outcomes, "write", FaultStart, FaultEnd, Fast).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Nothing_unsuccessful_means_nothing_had_to_fail_and_other_steps_do_not_count()
    {
        var outcomes = Calls(0, 6000, every: 50, TimeSpan.FromMilliseconds(300), step: "read")
            .Concat(Calls(0, 6000, every: 50, TimeSpan.FromMilliseconds(300), outcome: RequestOutcome.Ok)).ToList();

        FailFast.TimeToFailFast(outcomes, "write", FaultStart, FaultEnd, Fast).Should().Be(TimeSpan.Zero);
    }

    private static IEnumerable<OutcomeLog.Entry> Calls(
        int fromMs, int toMs, int every, TimeSpan serviceTime, string step = "write", RequestOutcome outcome = RequestOutcome.Failed)
    {
        for (var sent = fromMs; sent < toMs; sent += every)
        {
            yield return new OutcomeLog.Entry(step, outcome, FaultStart.AddMilliseconds(sent) + serviceTime, serviceTime);
        }
    }
}
