using Resilience.Reference.Workloads;
using Resilience.Fixtures.Assertions;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Faults;
using Resilience.Reference.Suites;

namespace Resilience.Tests.Chaos;

/// <summary>PostgreSQL in trouble under load: the breaker opens, reads come from the cache, no acknowledged write is lost.</summary>
public sealed class PostgresFaultTests(StackFixture stack)
{
    /// <summary>
    /// Every PostgreSQL answer 150 ms late: each call still fits its attempt timeout (300 ms) with room for a durable
    /// commit on a busy machine (at 200 ms about 1 % of writes crossed it and were slow 503s, which are failures, not
    /// sheds), but at <see cref="OverloadRate"/> the calls PostgreSQL gets (reads past the 2 s fresh window, writes,
    /// searches: about 210/s) are more than 24 permits (or the 30 pooled connections) at 150 ms each can serve (160/s).
    /// </summary>
    internal static readonly IFault Overload = Faults.Latency("postgres", TimeSpan.FromMilliseconds(150));

    internal static double OverloadRate => ExperimentProfile.Current.ChaosRate * 2;

    [Fact]
    [Trait(ProviderSample.Trait, ProviderSample.Containers)]
    public async Task Postgres_latency_opens_the_breaker_and_reads_stay_served_from_cache()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Latency("postgres", TimeSpan.FromMilliseconds(800), jitter: TimeSpan.FromMilliseconds(100))).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "postgres", reads: OrdersWorkload.ReadStep));
    }

    [Fact]
    [Trait(ProviderSample.Trait, ProviderSample.Containers)]
    public async Task Postgres_down_opens_the_breaker_and_reads_stay_served_from_cache()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Down("postgres")).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "postgres", reads: OrdersWorkload.ReadStep));
    }

    [Fact]
    [Trait(ProviderSample.Trait, ProviderSample.Containers)]
    public async Task Postgres_black_hole_opens_the_breaker_and_no_request_outlives_the_budget()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.BlackHole("postgres")).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "postgres", reads: OrdersWorkload.ReadStep));
    }

    [Fact]
    [Trait(ProviderSample.Trait, ProviderSample.External)]
    public async Task Postgres_connection_resets_open_the_breaker_and_reads_stay_served_from_cache()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.ConnectionReset("postgres")).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "postgres", reads: OrdersWorkload.ReadStep));
    }

    [Fact]
    public async Task Postgres_bandwidth_saturation_keeps_reads_served()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Bandwidth("postgres", kilobytesPerSecond: 4)).RunAsync();

        await run.JudgeAsync(r => Requirements.ServedReadsWithinBudget(r, reads: OrdersWorkload.ReadStep));
    }

    [Fact]
    public async Task Postgres_packet_loss_keeps_reads_served_within_the_budget()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.PacketLoss("postgres", lossRate: 0.3)).RunAsync();

        await run.JudgeAsync(r => Requirements.ServedReadsWithinBudget(r, reads: OrdersWorkload.ReadStep));
    }

    [Fact]
    public async Task Connection_pool_exhaustion_opens_the_breaker_and_reads_stay_served_from_cache()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.ConnectionPoolExhaustion()).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "postgres", reads: OrdersWorkload.ReadStep));
    }

    [Fact]
    public async Task Lock_contention_on_the_orders_table_opens_the_breaker_and_reads_stay_served()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.LockContention()).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "postgres", reads: OrdersWorkload.ReadStep));
    }

    [Fact]
    public async Task Overload_of_a_slow_postgres_is_shed_at_once_and_its_breaker_stays_closed()
    {
        var run = await Experiment.Against(stack).WithRate(OverloadRate).WithFault(Overload).RunAsync();

        await run.JudgeAsync(r => Requirements.ShedOverload(r, "postgres", reads: OrdersWorkload.ReadStep, writes: OrdersWorkload.WriteStep));
    }

    [Fact]
    [Trait(ProviderSample.Trait, ProviderSample.Containers)]
    public async Task Postgres_crash_opens_the_breaker_and_loses_no_acknowledged_write()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Crash("postgres")).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "postgres", reads: OrdersWorkload.ReadStep));
    }
}
