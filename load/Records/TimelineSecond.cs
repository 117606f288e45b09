namespace Resilience.Load.Records;

/// <summary>One second of a run, as the load engine saw it. Latencies in milliseconds.</summary>
/// <param name="Second">Seconds since the run started (0-based).</param>
/// <param name="Attempted">Iterations the schedule asked for in this second (open model) or began (closed model).</param>
/// <param name="Started">Iterations actually started (attempted minus dropped).</param>
/// <param name="Completed">Iterations that finished in this second, whatever their outcome.</param>
/// <param name="ErrorsByKind">Errors of this second keyed by the step's error kind (e.g. "http_503", "timeout").</param>
/// <param name="InFlight">Iterations in flight at the end of the second.</param>
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
