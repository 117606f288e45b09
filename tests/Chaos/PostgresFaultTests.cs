using Resilience.Fixtures.Assertions;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Faults;
using Resilience.Fixtures.Suites;

namespace Resilience.Tests.Chaos;

/// <summary>PostgreSQL in trouble under load: the breaker opens, reads come from the cache, no acknowledged write is lost.</summary>
public sealed class PostgresFaultTests(StackFixture stack)
{
    [Fact]
    public async Task Postgres_latency_opens_the_breaker_and_reads_stay_served_from_cache()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Latency("postgres", TimeSpan.FromMilliseconds(800), jitter: TimeSpan.FromMilliseconds(100))).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "postgres"));
    }

    [Fact]
    public async Task Postgres_down_opens_the_breaker_and_reads_stay_served_from_cache()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Down("postgres")).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "postgres"));
    }

    [Fact(Skip = "Open finding on the reference app (issue 6): 96.5 % of reads served (3.5 % shed) against 99 %, longest request 1.7 s.")]
    public async Task Postgres_black_hole_opens_the_breaker_and_no_request_outlives_the_budget()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.BlackHole("postgres")).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "postgres"));
    }

    [Fact(Skip = "Open finding on the reference app (issue 6): longest request 1.53 s against budget + slack 1.5 s on a loaded run.")]
    public async Task Postgres_connection_resets_open_the_breaker_and_reads_stay_served_from_cache()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.ConnectionReset("postgres")).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "postgres"));
    }

    [Fact]
    public async Task Postgres_bandwidth_saturation_keeps_reads_served()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Bandwidth("postgres", kilobytesPerSecond: 4)).RunAsync();

        await run.JudgeAsync(r => Requirements.ServedReadsWithinBudget(r));
    }

    [Fact]
    public async Task Postgres_packet_loss_keeps_reads_served_within_the_budget()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.PacketLoss("postgres", lossRate: 0.3)).RunAsync();

        await run.JudgeAsync(r => Requirements.ServedReadsWithinBudget(r));
    }

    [Fact(Skip = "Open finding on the reference app (issue 6): its breaker did not open within 5 s of pool exhaustion in the CI run (5.2 s in another); longest request 1.7 s.")]
    public async Task Connection_pool_exhaustion_opens_the_breaker_and_reads_stay_served_from_cache()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.ConnectionPoolExhaustion()).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "postgres"));
    }

    [Fact(Skip = "Open finding on the reference app (issue 6): 89.5 % of reads served (10.5 % shed) against 99 % under a table lock; longest request 3.4 s.")]
    public async Task Lock_contention_on_the_orders_table_opens_the_breaker_and_reads_stay_served()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.LockContention()).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "postgres"));
    }

    [Fact]
    public async Task Postgres_crash_opens_the_breaker_and_loses_no_acknowledged_write()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Crash("postgres")).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "postgres"));
    }
}
