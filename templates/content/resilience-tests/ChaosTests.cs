using Resilience.Fixtures.Assertions;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Faults;

namespace MyService.ChaosTests;

/// <summary>A dependency in trouble under load: the service's breaker opens and its users are still served.</summary>
public sealed class ChaosTests(ChaosStack stack)
{
    /// <summary>The fault the chaos test and its negative control inject: every answer from the database 800 ms late.</summary>
    internal static readonly TimeSpan DatabaseLatency = TimeSpan.FromMilliseconds(800);

    /// <summary>The requirements both judge by, so that the negative control fails for the reason this test passes.</summary>
    internal static void DatabaseLatencyRequirements(ExperimentRun run)
    {
        // Writes have no fallback: once the breaker knows, they must be refused at once instead of waiting for a timeout.
        Requirements.FailedFast(run, ServiceWorkload.Write);
#if (Redis)
        // Reads have the cache: the breaker opens and reads stay served, fast.
        Requirements.DegradedGracefully(run, ChaosStack.Database, reads: ServiceWorkload.Read);
#endif
    }

    [Fact]
    public async Task Database_latency_opens_its_breaker_and_users_are_still_served()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Latency(ChaosStack.Database, DatabaseLatency)).RunAsync();

        await run.JudgeAsync(DatabaseLatencyRequirements);
    }
}
