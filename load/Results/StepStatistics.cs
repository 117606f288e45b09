using Resilience.Load.Records;

namespace Resilience.Load.Results;

/// <summary>One step's share of a run: outcomes by kind, latency from the intended start and service time.</summary>
public sealed record StepStatistics(
    string Name,
    double Weight,
    long Completed,
    long Ok,
    long Degraded,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    IReadOnlyDictionary<string, long> DegradedByKind,
    LatencySummary Latency,
    LatencySummary ServiceTime);
