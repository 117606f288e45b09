using Resilience.Fixtures.Assertions;
using Resilience.Fixtures.Experiments;
using Resilience.Load.Simulations;

namespace MyService.ChaosTests;

/// <summary>
/// No fault: the service meets its SLA (p50 &lt; 100 ms, p95 &lt; 200 ms, p99 &lt; 500 ms, errors &lt; 0.1 % by default;
/// <c>Experiment.WithSla</c> sets your own) at the rate it must sustain. Durations come from RESILIENCE_PROFILE.
/// </summary>
public sealed class SlaTests(ChaosStack stack)
{
    /// <summary>The arrival rate, requests per second, the service must sustain. Set it to your service's requirement.</summary>
    private const double RequiredRate = 100;

    [Fact]
    public async Task A_ramp_to_the_required_rate_then_a_hold_meets_the_sla()
    {
        var profile = ExperimentProfile.Current;
        var run = await Experiment.Against(stack)
            .WithLoad(Simulation.RampingInject(RequiredRate, profile.SlaRamp), Simulation.Inject(RequiredRate, profile.SlaHold))
            .RunAsync();

        await run.JudgeAsync(r => r.Should().MeetSla().And.SustainRate(RequiredRate, from: profile.SlaRamp));
    }
}
