namespace Resilience.Load.Records;

/// <summary>One second of a run, as the load engine saw it. Latencies in milliseconds.</summary>
/// <param name="Second">Seconds since the run started (0-based).</param>
/// <param name="Start">When the second began.</param>
/// <param name="Attempted">Iterations the schedule asked for in this second (open model) or began (closed model).</param>
/// <param name="Started">Iterations actually started (attempted minus dropped).</param>
/// <param name="Completed">Iterations that finished in this second, whatever their outcome.</param>
/// <param name="Ok">Of <paramref name="Completed"/>, iterations whose step succeeded.</param>
/// <param name="Degraded">Of <paramref name="Completed"/>, iterations served in a degraded way (e.g. a stale read).</param>
/// <param name="Errors">Of <paramref name="Completed"/>, iterations whose step failed.</param>
/// <param name="ErrorsByKind">Errors of this second keyed by the step's error kind (e.g. "http_503", "timeout").</param>
/// <param name="Dropped">Open-model arrivals dropped because the max-in-flight cap was reached.</param>
/// <param name="InFlight">Iterations in flight at the end of the second.</param>
/// <param name="P50Ms">Median latency (from the intended start) of the iterations completed in this second; 0 when none.</param>
/// <param name="P95Ms">95th percentile latency of the iterations completed in this second.</param>
/// <param name="P99Ms">99th percentile latency of the iterations completed in this second.</param>
/// <param name="MaxMs">Longest latency of the iterations completed in this second.</param>
public sealed record TimelineSecond(
    int Second,
    DateTimeOffset Start,
    long Attempted,
    long Started,
    long Completed,
    long Ok,
    long Degraded,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    long Dropped,
    long InFlight,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs);
