using Resilience.Fixtures.Assertions;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Measures;
using Resilience.Reference.Suites;
using Resilience.Load;
using Resilience.Load.Simulations;

namespace Resilience.Tests.Sla;

/// <summary>
/// The load profiles of the requirements, judged by the SLA (p50 &lt; 100 ms, p95 &lt; 200 ms, p99 &lt; 500 ms,
/// error rate &lt; 0.1 %) at the required rate. Durations come from RESILIENCE_PROFILE.
/// </summary>
public sealed class LoadProfileTests(StackFixture stack)
{
    private static readonly ExperimentProfile Profile = ExperimentProfile.Current;

    [Fact]
    public async Task Baseline_ramp_then_hold_meets_the_sla_at_the_required_rate()
    {
        var run = await Experiment.Against(stack)
            .WithLoad(Simulation.RampingInject(Profile.SlaRate, Profile.SlaRamp), Simulation.Inject(Profile.SlaRate, Profile.SlaHold))
            .RunAsync();

        await run.JudgeAsync(r => r.Should().MeetSla().And.SustainRate(Profile.SlaRate, from: Profile.SlaRamp));
    }

    [Fact]
    public async Task Ramping_up_virtual_users_to_the_peak_meets_the_sla()
    {
        var thinkTime = ThinkTime.Uniform(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300));
        var run = await Experiment.Against(stack)
            .WithLoad(Simulation.RampingConstant(Profile.PeakUsers, Profile.SlaRamp, thinkTime), Simulation.KeepConstant(Profile.PeakUsers, Profile.SlaHold, thinkTime))
            .RunAsync();

        await run.JudgeAsync(r => r.Should().MeetSla());
    }

    [Fact]
    public async Task Spikes_of_ten_times_the_baseline_meet_the_sla()
    {
        var spike = new SpikeOptions(BaseRate: Profile.SlaRate / 10, PeakRate: Profile.SlaRate, Before: Profile.SpikeLength, Hold: Profile.SpikeLength, After: TimeSpan.Zero);
        var cycles = Enumerable.Repeat(spike, Profile.SpikeCycles).SelectMany(Simulation.Spike)
            .Append(Simulation.Inject(Profile.SlaRate / 10, Profile.SpikeLength));
        var run = await Experiment.Against(stack).WithLoad([.. cycles]).RunAsync();

        await run.JudgeAsync(r => r.Should().MeetSla());
    }

    [Fact]
    public async Task Sustained_load_meets_the_sla_and_memory_stays_stable()
    {
        var run = await Experiment.Against(stack)
            .WithLoad(Simulation.RampingInject(Profile.SlaRate, Profile.SlaRamp), Simulation.Inject(Profile.SlaRate, Profile.Sustained))
            .RunAsync();

        await run.JudgeAsync(r => r.Should().MeetSla().And.SustainRate(Profile.SlaRate, from: Profile.SlaRamp).And.KeepMemoryStable(0.10));
    }

    [Fact]
    public async Task Stress_finds_the_breaking_point_above_the_required_rate()
    {
        double[] rates = [.. Enumerable.Range(1, 8).Select(step => step * Profile.SlaRate / 2)];
        var run = await Experiment.Against(stack)
            .WithLoad([.. rates.Select(rate => Simulation.Inject(rate, Profile.StressStep))])
            .WithMaxInFlight(1_000)
            .RunAsync();

        await run.JudgeAsync(r => r.Should().BreakNoEarlierThan(Profile.SlaRate, rates, Profile.StressStep));
    }
}
