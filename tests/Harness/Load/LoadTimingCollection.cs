namespace Resilience.Tests.Harness.Load;

/// <summary>
/// Tests that judge timing (rates, shapes, latencies) run alone, after the parallel tests, so other test
/// classes of this assembly do not share the two cores with them.
/// </summary>
[CollectionDefinition(nameof(LoadTimingCollection), DisableParallelization = true)]
public sealed class LoadTimingCollection;
