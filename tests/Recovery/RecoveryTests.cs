using Resilience.Reference.Workloads;
using Resilience.Fixtures.Assertions;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Faults;
using Resilience.Reference.Suites;
using Resilience.Fixtures.Workloads;

namespace Resilience.Tests.Recovery;

/// <summary>
/// After a fault is removed or a process restarted: the breaker goes half-open then closed, the SLA holds again
/// within seconds (MTTR), the backlog drains, and no acknowledged write is lost.
/// </summary>
public sealed class RecoveryTests(StackFixture stack)
{
    [Fact]
    public async Task After_postgres_latency_the_breaker_closes_and_the_sla_returns_within_ten_seconds()
    {
        var run = await Experiment.Against(stack).ObservingRecovery().WithFault(Faults.Latency("postgres", TimeSpan.FromMilliseconds(800))).RunAsync();

        await run.JudgeAsync(r => Requirements.Recovered(r, "postgres"));
    }

    [Fact]
    [Trait(ProviderSample.Trait, ProviderSample.Containers)]
    public async Task After_postgres_comes_back_up_the_breaker_closes_and_the_sla_returns_within_ten_seconds()
    {
        var run = await Experiment.Against(stack).ObservingRecovery().WithFault(Faults.Down("postgres")).RunAsync();

        await run.JudgeAsync(r => Requirements.Recovered(r, "postgres"));
    }

    [Fact]
    public async Task A_postgres_crash_mid_write_loses_no_acknowledged_write_and_service_recovers_after_restart()
    {
        var run = await Experiment.Against(stack).ObservingRecovery()
            .WithWorkload(new OrdersWorkloadOptions { ReadWeight = 30, WriteWeight = 60, SearchWeight = 10 })
            .WithFault(Faults.Crash("postgres"))
            .RunAsync();

        await run.JudgeAsync(r => Requirements.Recovered(r, "postgres"));
    }

    [Fact]
    public async Task After_redis_is_killed_and_restarted_the_cache_refills_and_the_sla_returns()
    {
        var run = await Experiment.Against(stack).ObservingRecovery().WithFault(Faults.Crash("redis")).RunAsync();

        await run.JudgeAsync(r => Requirements.Recovered(r, "redis"));
        (await stack.CachedOrdersAsync(TestContext.Current.CancellationToken)).Should()
            .BeGreaterThan(0, "reads after the restart put orders back into the empty cache");
    }

    [Fact]
    public async Task After_redis_is_unfrozen_the_breaker_closes_and_the_sla_returns()
    {
        var run = await Experiment.Against(stack).ObservingRecovery().WithFault(Faults.Freeze("redis")).RunAsync();

        await run.JudgeAsync(r => Requirements.Recovered(r, "redis"));
    }

    [Fact]
    public async Task After_the_price_service_answers_again_its_breaker_closes()
    {
        var run = await Experiment.Against(stack).ObservingRecovery().WithFault(Faults.BlackHole("pricing")).RunAsync();

        await run.JudgeAsync(r => Requirements.Recovered(r, "pricing"));
    }
}
