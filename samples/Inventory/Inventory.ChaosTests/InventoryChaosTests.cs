using Resilience.Fixtures.Assertions;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Faults;

namespace Inventory.ChaosTests;

/// <summary>
/// The inventory service's dependencies in trouble under load: its breakers (seen through Polly's telemetry) open,
/// stock lookups stay served (from the cache, or from the service's last-known copies marked <c>Warning: 110</c>),
/// no request outlives the 1 s budget, and no acknowledged reservation is lost.
/// </summary>
public sealed class InventoryChaosTests(InventoryStack stack)
{
    [Fact]
    public async Task Database_latency_opens_its_breaker_and_stock_lookups_stay_served()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Latency(InventoryStack.Database, TimeSpan.FromMilliseconds(800))).RunAsync();

        await run.JudgeAsync(r =>
        {
            Requirements.FailedFast(r, InventoryWorkload.Reserve);
            Requirements.DegradedGracefully(r, InventoryStack.Database, reads: InventoryWorkload.Lookup);
        });
    }

    [Fact]
    public async Task Database_down_opens_its_breaker_and_stock_lookups_stay_served()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Down(InventoryStack.Database)).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, InventoryStack.Database, reads: InventoryWorkload.Lookup));
    }

    [Fact]
    public async Task Cache_down_opens_its_breaker_and_lookups_go_to_the_database()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.Down(InventoryStack.Cache)).RunAsync();

        await run.JudgeAsync(r => Requirements.DegradedGracefully(r, InventoryStack.Cache, reads: InventoryWorkload.Lookup));
    }

    [Fact]
    public async Task A_database_crash_loses_no_acknowledged_reservation_and_the_service_recovers()
    {
        var run = await Experiment.Against(stack).ObservingRecovery().WithFault(Faults.Crash(InventoryStack.Database)).RunAsync();

        await run.JudgeAsync(r => Requirements.Recovered(r, InventoryStack.Database));
    }

    [Fact]
    public async Task After_the_database_comes_back_its_breaker_closes_and_the_sla_returns()
    {
        var run = await Experiment.Against(stack).ObservingRecovery().WithFault(Faults.Down(InventoryStack.Database)).RunAsync();

        await run.JudgeAsync(r => Requirements.Recovered(r, InventoryStack.Database));
    }

    [Fact]
    public async Task After_the_cache_comes_back_its_breaker_closes_and_the_sla_returns()
    {
        var run = await Experiment.Against(stack).ObservingRecovery().WithFault(Faults.Down(InventoryStack.Cache)).RunAsync();

        await run.JudgeAsync(r => Requirements.Recovered(r, InventoryStack.Cache));
    }

    /// <summary>
    /// The service built with its breakers off: the same latency must fail the same requirements for the reason the
    /// breaker exists: reservations (which have no fallback) keep waiting for the 300 ms timeout instead of failing fast.
    /// </summary>
    [Fact]
    public async Task Without_its_breakers_database_latency_leaves_reservations_waiting_for_their_timeout()
    {
        await using var fragile = await stack.StartVariantAsync(InventoryStack.BreakersEnabled, "false");

        var run = await Experiment.Against(fragile).WithFault(Faults.Latency(InventoryStack.Database, TimeSpan.FromMilliseconds(800))).RunAsync();

        await run.JudgeAsNegativeControlAsync(
            r =>
            {
                Requirements.FailedFast(r, InventoryWorkload.Reserve);
                Requirements.DegradedGracefully(r, InventoryStack.Database, reads: InventoryWorkload.Lookup);
            },
            mustFail: $"step '{InventoryWorkload.Reserve}' fails fast");
    }
}
