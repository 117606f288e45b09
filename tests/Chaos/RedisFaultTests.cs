using Resilience.Reference.Workloads;
using Resilience.Fixtures.Assertions;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Faults;
using Resilience.Reference.Suites;

namespace Resilience.Tests.Chaos;

/// <summary>Redis in trouble under load: the service bypasses the cache, its breaker opens, nobody waits on Redis timeouts.</summary>
public sealed class RedisFaultTests(StackFixture stack)
{
    [Fact]
    [Trait(ProviderSample.Trait, ProviderSample.External)]
    public async Task Redis_down_opens_the_breaker_and_reads_bypass_the_cache()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Down("redis")).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "redis", reads: OrdersWorkload.ReadStep));
    }

    [Fact]
    [Trait(ProviderSample.Trait, ProviderSample.Containers)]
    public async Task Redis_frozen_opens_the_breaker_and_no_request_waits_on_it()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Freeze("redis")).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "redis", reads: OrdersWorkload.ReadStep));
    }

    [Fact]
    public async Task Redis_killed_opens_the_breaker_and_reads_bypass_the_cache()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Crash("redis")).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "redis", reads: OrdersWorkload.ReadStep));
    }

    [Fact]
    public async Task Redis_connection_resets_open_the_breaker_and_reads_bypass_the_cache()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.ConnectionReset("redis")).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "redis", reads: OrdersWorkload.ReadStep));
    }

    [Fact]
    public async Task Redis_latency_beyond_its_attempt_timeout_opens_the_breaker_and_reads_bypass_the_cache()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Latency("redis", TimeSpan.FromMilliseconds(500))).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, "redis", reads: OrdersWorkload.ReadStep));
    }

    [Fact]
    public async Task A_cache_flush_storm_sheds_load_rather_than_failing()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.CacheFlushStorm(every: TimeSpan.FromMilliseconds(200))).RunAsync();

        // No stale copy survives a flush, so reads may be shed honestly; none may fail outright.
        await run.JudgeAsync(r => Requirements.ShedRatherThanFailed(r));
    }
}
