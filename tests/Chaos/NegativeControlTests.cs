using Resilience.Reference.Workloads;
using Resilience.Fixtures.Assertions;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Faults;
using Resilience.Reference.Stack;
using Resilience.Reference.Suites;
using Resilience.Fixtures.Workloads;

namespace Resilience.Tests.Chaos;

/// <summary>
/// The same faults and the same requirements, with one resilience strategy switched off in the service:
/// the requirements must fail, or the suite could not tell a resilient service from a fragile one.
/// </summary>
public sealed class NegativeControlTests(StackFixture stack)
{
    [Fact]
    public async Task Without_the_postgres_breaker_a_black_hole_fails_the_chaos_requirements()
    {
        await using var fragile = await stack.StartVariantAsync(app => app.Without(AppStrategy.CircuitBreaker, "postgres"));

        var run = await Experiment.Against(fragile).WithFault(Faults.BlackHole("postgres")).RunAsync();

        // Not "the breaker opens" (it cannot, it is off) but what users feel: every read waits on the dead database.
        await run.JudgeAsNegativeControlAsync(r => Requirements.DegradedGracefully(r, "postgres", reads: OrdersWorkload.ReadStep), mustFail: "p95 service time");
    }

    [Fact]
    public async Task Without_stale_fallback_postgres_down_fails_the_chaos_requirements()
    {
        await using var fragile = await stack.StartVariantAsync(app => app.Without(AppFeature.StaleFallback));

        var run = await Experiment.Against(fragile).WithFault(Faults.Down("postgres")).RunAsync();

        await run.JudgeAsNegativeControlAsync(r => Requirements.DegradedGracefully(r, "postgres", reads: OrdersWorkload.ReadStep), mustFail: "success ratio");
    }

    [Fact]
    public async Task Without_cache_bypass_redis_down_fails_the_chaos_requirements()
    {
        await using var fragile = await stack.StartVariantAsync(app => app.Without(AppFeature.CacheBypass));

        var run = await Experiment.Against(fragile).WithFault(Faults.Down("redis")).RunAsync();

        await run.JudgeAsNegativeControlAsync(r => Requirements.DegradedGracefully(r, "redis", reads: OrdersWorkload.ReadStep), mustFail: "success ratio");
    }

    [Fact]
    public async Task Without_the_request_budget_and_attempt_timeouts_a_black_hole_fails_the_chaos_requirements()
    {
        await using var fragile = await stack.StartVariantAsync(app => app
            .Without(AppFeature.RequestBudget)
            .Without(AppStrategy.AttemptTimeout, "postgres"));

        var run = await Experiment.Against(fragile).WithFault(Faults.BlackHole("postgres")).RunAsync();

        await run.JudgeAsNegativeControlAsync(r => Requirements.DegradedGracefully(r, "postgres", reads: OrdersWorkload.ReadStep), mustFail: "no request over");
    }

    [Fact]
    public async Task Without_load_shedding_an_overloaded_postgres_trips_its_breaker_and_fails_the_chaos_requirements()
    {
        await using var fragile = await stack.StartVariantAsync(app => app.Without(AppStrategy.ConcurrencyLimit, "postgres"));

        var run = await Experiment.Against(fragile).WithRate(PostgresFaultTests.OverloadRate).WithFault(PostgresFaultTests.Overload).RunAsync();

        // What users lose: the writes PostgreSQL could still have taken, refused while the breaker is open.
        await run.JudgeAsNegativeControlAsync(r => Requirements.ShedOverload(r, "postgres", reads: OrdersWorkload.ReadStep, writes: OrdersWorkload.WriteStep), mustFail: "step 'write'");
    }

    [Fact]
    public async Task Without_idempotency_retried_writes_fail_the_no_lost_or_duplicated_write_requirement()
    {
        await using var fragile = await stack.StartVariantAsync(app => app.Without(AppFeature.Idempotency));

        var run = await Experiment.Against(fragile)
            .WithWorkload(new OrdersWorkloadOptions { RetriedWriteShare = 0.2 })
            .WithFault(Faults.ConnectionReset("postgres"))
            .RunAsync();

        await run.JudgeAsNegativeControlAsync(r => r.Ledger.Should().HaveNoLostWrites(), mustFail: "lost or duplicated");
        run.Ledger!.Duplicated.Should().NotBeEmpty("a retried post without idempotency makes a second order");
    }
}
