using Resilience.Fixtures.Assertions;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Faults;

namespace MyService.ChaosTests;

/// <summary>A fault removed: the breaker closes again and the SLA returns quickly (MTTR), with no write lost.</summary>
public sealed class RecoveryTests(ChaosStack stack)
{
    [Fact]
    public async Task After_the_database_comes_back_its_breaker_closes_and_the_sla_returns()
    {
        var run = await Experiment.Against(stack).ObservingRecovery().WithFault(Faults.Down(ChaosStack.Database)).RunAsync();

        await run.JudgeAsync(r => Requirements.Recovered(r, ChaosStack.Database));
    }
}
