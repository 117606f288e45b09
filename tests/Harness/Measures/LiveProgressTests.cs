using Resilience.Fixtures.Experiments;
using Resilience.Load;

namespace Resilience.Tests.Harness.Measures;

public sealed class LiveProgressTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 20, 0, 0, TimeSpan.Zero);

    private static readonly LoadProgress Progress = new("Chaos.Postgres_down", TimeSpan.FromSeconds(12), 199.5, 7.25, 3, 0.005, 0, 4, 2400);

    [Fact]
    public void The_live_line_names_the_scenario_its_clock_rate_p95_errors_fault_and_each_breakers_last_state()
    {
        var line = LiveProgress.Format(Progress, TimeSpan.FromSeconds(40), ["postgres down"],
        [
            new("postgres", "Closed", "Open", Start.AddSeconds(11)),
            new("redis", "Closed", "Open", Start.AddSeconds(2)),
            new("redis", "Open", "HalfOpen", Start.AddSeconds(7)),
        ]);

        line.Should().Be("[Chaos.Postgres_down 12s/40s] rate 199.5/s  p95 7.3 ms  errors 3 (0.5%)  fault: postgres down  breakers: postgres Open, redis HalfOpen");
    }

    [Fact]
    public void Without_faults_or_transitions_the_line_says_so_rather_than_claiming_the_breakers_are_closed()
    {
        var line = LiveProgress.Format(Progress, TimeSpan.FromSeconds(40), [], []);

        line.Should().EndWith("fault: none  breakers: no transition seen");
    }
}
