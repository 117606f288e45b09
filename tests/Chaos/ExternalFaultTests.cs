using Resilience.Reference.Workloads;
using Resilience.Fixtures.Assertions;
using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Faults;
using Resilience.Reference.Suites;
using Resilience.Fixtures.Workloads;

namespace Resilience.Tests.Chaos;

/// <summary>The price service times out: orders are still taken, at the documented fallback price.</summary>
public sealed class ExternalFaultTests(StackFixture stack)
{
    [Fact]
    [Trait(ProviderSample.Trait, ProviderSample.External)]
    public async Task External_price_service_timeout_opens_its_breaker_and_writes_use_the_fallback_price()
    {
        var run = await Experiment.Against(stack).WithFault(Faults.BlackHole("pricing")).RunAsync();

        await run.JudgeAsync(r =>
        {
            r.Breaker("pricing").Should().OpenWithin(r.Profile.Bounds.Detection, r.Fault);
            r.During(r.Fault).Step(OrdersWorkload.WriteStep).Should().HaveSuccessRatioAtLeast(0.99).And.IncludeDegradedAnswers();
            Requirements.ServedReadsWithinBudget(r, reads: OrdersWorkload.ReadStep);
        });
    }
}
