using Resilience.Fixtures.Experiments;
using Resilience.Fixtures.Observers;
using Resilience.Fixtures.Workloads;
using Resilience.Toxics;

namespace Resilience.Tests.Harness.Workloads;

/// <summary>
/// A chaos target for workload tests that only need something to hand the workload (and its ledger check): it has
/// the service's address and no dependencies, proxies or workload of its own.
/// </summary>
internal sealed class StubTarget(Uri appAddress) : IChaosTarget
{
    public Uri AppAddress { get; } = appAddress;

    public ToxiproxyClient Toxiproxy => throw new NotSupportedException("The stub target has no proxies.");

    public TargetDependencies Dependencies { get; } = new([]);

    public TimeSpan RequestBudget => TimeSpan.FromSeconds(1);

    public ServiceReadiness Readiness { get; } = new("/health");

    public IWorkloadDefinition Workload => throw new NotSupportedException("The stub target has no workload; the test passes one.");

    public IBreakerSource CreateBreakerSource(HttpClient client) => NoBreakerSource.Instance;
}
