using Resilience.Fixtures.Assertions;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Faults;

namespace MyService.ChaosTests;

/// <summary>
/// The proof that the chaos test can fail: the service started without its circuit breakers must fail the same
/// requirements under the same fault, for the reason the breaker exists: writes keep waiting for their timeout
/// instead of failing fast. A test that still passes without the resilience it checks proves nothing.
/// </summary>
public sealed class NegativeControlTests(ChaosStack stack)
{
    [Fact]
    public async Task Without_its_breakers_database_latency_leaves_writes_waiting_for_their_timeout()
    {
        await using var fragile = await stack.StartVariantAsync(ChaosStack.BreakersEnabled, "false");

        var run = await Experiment.Against(fragile).WithFault(Faults.Latency(ChaosStack.Database, ChaosTests.DatabaseLatency)).RunAsync();

        await run.JudgeAsNegativeControlAsync(ChaosTests.DatabaseLatencyRequirements, mustFail: $"step '{ServiceWorkload.Write}' fails fast");
    }
}
